// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { mount, flushPromises } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { useQueryTab } from './queryTab'

const Tabs = defineComponent({
  setup() {
    const { tab, change } = useQueryTab(['a', 'b', 'c'] as const)
    return () => h('button', { 'data-tab': tab.value, onClick: () => change('c') })
  },
})

async function mountAt(path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/x', component: Tabs }] })
  await router.push(path)
  await router.isReady()
  const w = mount({ render: () => h(Tabs) }, { global: { plugins: [router] } })
  return { w, router }
}

describe('useQueryTab', () => {
  it('opens the tab named in the address, the first one otherwise', async () => {
    expect((await mountAt('/x?tab=b')).w.get('button').attributes('data-tab')).toBe('b')
    expect((await mountAt('/x?tab=nope')).w.get('button').attributes('data-tab')).toBe('a')
    expect((await mountAt('/x')).w.get('button').attributes('data-tab')).toBe('a')
  })

  it('writes the chosen tab to the address and follows the address back', async () => {
    const { w, router } = await mountAt('/x')
    await w.get('button').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.tab).toBe('c')
    await router.replace({ query: {} })
    await nextTick()
    expect(w.get('button').attributes('data-tab')).toBe('a')
  })
})
