import { onBeforeUnmount, ref, shallowRef, watch } from 'vue'
import type { PageOf } from '../api/types'
import { clampPage, setSearch, toQuery, type ListState } from '../lib/listState'
import { useAppStore } from '../stores/app'

export const SEARCH_DEBOUNCE_MS = 250

/**
 * Loads one page whenever the list state changes (the search box after a
 * pause), and again when the data is replaced underneath (restore).
 */
export function useRemoteList<T, F extends Record<string, string>>(
  state: ListState<F>,
  fetch: (q: ReturnType<typeof toQuery<F>>) => Promise<PageOf<T>>,
  onError: (e: unknown) => void,
) {
  const items = shallowRef<T[]>([])
  const total = ref(0)
  const loading = ref(false)
  const searchText = ref(state.search)
  let seq = 0

  async function reload() {
    const mine = ++seq
    loading.value = true
    try {
      const page = await fetch(toQuery(state))
      if (mine !== seq) return
      if (clampPage(state as ListState<Record<string, string>>, page.total) && page.total > 0) return // the watcher reloads
      items.value = page.items ?? []
      total.value = page.total
    } catch (e) {
      if (mine === seq) {
        items.value = []
        total.value = 0
        onError(e)
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  watch(searchText, (text) => {
    clearTimeout(timer)
    timer = setTimeout(() => setSearch(state as ListState<Record<string, string>>, text), SEARCH_DEBOUNCE_MS)
  })
  onBeforeUnmount(() => clearTimeout(timer))

  watch(() => toQuery(state), reload, { deep: true })
  const app = useAppStore()
  watch(() => app.epoch, reload)

  return { items, total, loading, searchText, reload }
}
