// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'

const fake = vi.hoisted(() => ({
  setOption: vi.fn(),
  resize: vi.fn(),
  dispose: vi.fn(),
  handlers: {} as Record<string, (p: unknown) => void>,
}))

vi.mock('./echarts', () => ({
  createChart: vi.fn(() => ({
    setOption: fake.setOption,
    resize: fake.resize,
    dispose: fake.dispose,
    on: (name: string, fn: (p: unknown) => void) => {
      fake.handlers[name] = fn
    },
  })),
}))

import EChart from './EChart.vue'

describe('EChart', () => {
  it('draws the option, redraws on change, reports clicks and disposes on unmount', async () => {
    const w = mount(EChart, { props: { option: { series: [{ type: 'bar', data: [1] }] }, height: 200, testid: 'c' } })
    await flushPromises() // echarts loads on demand
    expect(w.attributes('style')).toContain('height: 200px')
    expect(w.attributes('data-testid')).toBe('c')
    expect(fake.setOption).toHaveBeenCalledTimes(1)
    expect(fake.setOption.mock.calls[0][0]).toMatchObject({ series: [{ type: 'bar', data: [1] }] })
    expect(fake.setOption.mock.calls[0][1]).toMatchObject({ notMerge: true })

    await w.setProps({ option: { series: [{ type: 'line', data: [2] }] } })
    expect(fake.setOption).toHaveBeenCalledTimes(2)

    fake.handlers.click({ dataIndex: 3, name: 'x' })
    expect(w.emitted('click')?.[0]).toEqual([{ dataIndex: 3, name: 'x' }])

    w.unmount()
    expect(fake.dispose).toHaveBeenCalledTimes(1)
  })

  it('does not create a chart when unmounted before echarts has loaded', async () => {
    const before = fake.setOption.mock.calls.length
    const w = mount(EChart, { props: { option: {} } })
    w.unmount()
    await flushPromises()
    expect(fake.setOption.mock.calls.length).toBe(before)
  })

  it('takes a CSS height', () => {
    const w = mount(EChart, { props: { option: {}, height: '40vh' } })
    expect(w.attributes('style')).toContain('height: 40vh')
    w.unmount()
  })
})
