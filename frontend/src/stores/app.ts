import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import * as system from '../api/system'
import { AppError, toAppError } from '../api/error'
import type { AgencyInput } from '../api/org'

export type Phase = 'loading' | 'error' | 'setup' | 'ready'

const emptyChoices: system.Choices = {
  unitKinds: [],
  staffCategories: [],
  genders: [],
  milestoneKinds: [],
  targetComparators: [],
}

/** What the whole window depends on: the database status and the code lists. */
export const useAppStore = defineStore('app', () => {
  const status = ref<system.Status | null>(null)
  const error = shallowRef<AppError | null>(null)
  const choices = ref<system.Choices>({ ...emptyChoices })
  const busy = ref(false)
  // Bumped whenever the data may have changed underneath (restore, setup):
  // the screens watch it and reload.
  const epoch = ref(0)

  const phase = computed<Phase>(() => {
    if (error.value) return 'error'
    if (!status.value) return 'loading'
    return status.value.firstRun ? 'setup' : 'ready'
  })

  function accept(st: system.Status) {
    status.value = st
    error.value = null
  }

  async function loadChoices() {
    try {
      choices.value = { ...emptyChoices, ...(await system.choices()) }
    } catch {
      // The forms fall back to empty lists; the status error explains why.
    }
  }

  /** Start-up: the status decides between the error page, setup and the app. */
  async function init() {
    busy.value = true
    try {
      accept(await system.getStatus())
    } catch (e) {
      error.value = toAppError(e)
    } finally {
      busy.value = false
    }
    await loadChoices()
  }

  async function reconnect() {
    busy.value = true
    try {
      accept(await system.reconnect())
      epoch.value++
    } catch (e) {
      error.value = toAppError(e)
    } finally {
      busy.value = false
    }
  }

  /** Re-reads the status (header, settings) after a change; errors propagate. */
  async function refresh() {
    accept(await system.getStatus())
  }

  /** Completes the first run; errors propagate to the form. */
  async function setup(agency: AgencyInput | null, useSample: boolean) {
    busy.value = true
    try {
      accept(await system.setup(agency, useSample))
      epoch.value++
    } finally {
      busy.value = false
    }
  }

  /** After a restore: take the new status and make every screen reload. */
  function replaced(st: system.Status) {
    accept(st)
    epoch.value++
  }

  return { status, error, choices, busy, epoch, phase, init, reconnect, refresh, setup, replaced }
})
