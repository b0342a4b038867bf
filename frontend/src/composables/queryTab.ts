import { ref, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'

/**
 * The open tab of a screen kept in the address (`?tab=…`), so that going
 * back, a reload or a link lands on the same tab. The first tab is the
 * default and leaves the query empty; an unknown value shows the default.
 */
export function useQueryTab<T extends string>(tabs: readonly T[]): { tab: Ref<T>; change: (v: T) => void } {
  const route = useRoute()
  const router = useRouter()
  const tabOf = (q: unknown): T => (tabs.includes(q as T) ? (q as T) : tabs[0])
  const tab = ref(tabOf(route.query.tab)) as Ref<T>
  watch(
    () => route.query.tab,
    (q) => (tab.value = tabOf(q)),
  )
  function change(v: T) {
    tab.value = v
    void router.replace({ query: v === tabs[0] ? {} : { tab: v } })
  }
  return { tab, change }
}
