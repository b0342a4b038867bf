import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { allUnits, type Unit } from '../api/org'
import { buildTree } from '../lib/tree'

/** Every live unit, for the tree, the pickers and unit names in lists. */
export const useUnitsStore = defineStore('units', () => {
  const all = ref<Unit[]>([])
  const loaded = ref(false)
  const loading = ref(false)

  const byId = computed(() => new Map(all.value.map((u) => [u.id, u])))
  const tree = computed(() => buildTree(all.value))

  /** Loads the units; errors propagate to the caller that shows them. */
  async function load() {
    loading.value = true
    try {
      all.value = await allUnits()
      loaded.value = true
    } finally {
      loading.value = false
    }
  }

  async function ensure() {
    if (!loaded.value) await load()
  }

  function nameOf(id: string | null | undefined): string {
    if (!id) return ''
    return byId.value.get(id)?.name ?? ''
  }

  function reset() {
    all.value = []
    loaded.value = false
  }

  return { all, loaded, loading, byId, tree, load, ensure, nameOf, reset }
})
