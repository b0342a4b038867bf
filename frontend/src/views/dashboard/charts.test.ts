import { describe, expect, it } from 'vitest'
import { TREND_SERIES, barsHeight, escapeHTML, passRateOption, rateColor, shorten, trendOption, unitsOption } from './charts'

type Any = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe('pass rate chart', () => {
  const rows = [
    { no: 1, name: 'Quy hoạch', passed: 9, assessed: 10, rate: 90 },
    { no: 17, name: 'Môi trường <b>', passed: 3, assessed: 10, rate: 30 },
    { no: 2, name: 'Giao thông', passed: 0, assessed: 0, rate: 0 },
  ]
  const o = passRateOption(rows, { series: 'Tỷ lệ', axis: (no) => `TC ${no}`, tooltip: (r) => [r.name, `${r.rate}%`] }) as Any

  it('draws the lowest rate first (at the top) and the unassessed last', () => {
    expect(o.yAxis.data).toEqual(['TC 17', 'TC 1', 'TC 2'])
    expect(o.yAxis.inverse).toBe(true)
    expect(o.series[0].data.map((d: Any) => d.value)).toEqual([30, 90, 0])
    expect(o.xAxis.max).toBe(100)
  })

  it('colours by rate and escapes names in the tooltip', () => {
    expect(o.series[0].data[0].itemStyle.color).toBe(rateColor(30))
    expect(rateColor(30)).not.toBe(rateColor(90))
    expect(o.tooltip.formatter({ dataIndex: 0 })).toBe('Môi trường &lt;b&gt;<br/>30%')
  })
})

describe('units chart', () => {
  it('has the communes and the NTM series in the given order', () => {
    const o = unitsOption(
      [
        { unitId: 'a', unitName: 'Phòng Kế hoạch - Tài chính và Xây dựng cơ bản', communes: 4, communesNTM: 1 },
        { unitId: 'b', unitName: 'Văn phòng', communes: 2, communesNTM: 2 },
      ],
      { communes: 'Xã', ntm: 'NTM' },
    ) as Any
    expect(o.series.map((s: Any) => s.name)).toEqual(['Xã', 'NTM'])
    expect(o.series[0].data).toEqual([4, 2])
    expect(o.series[1].data).toEqual([1, 2])
    expect(o.yAxis.data[0].endsWith('…')).toBe(true)
    expect(o.yAxis.data[1]).toBe('Văn phòng')
  })
})

describe('trend chart', () => {
  it('has one point per year, series in TREND_SERIES order, no average without assessments', () => {
    const o = trendOption(
      [
        { year: 2021, ntm: 2, nangCao: 0, kieuMau: 0, avgCriteria: 0, assessed: 0 },
        { year: 2022, ntm: 3, nangCao: 1, kieuMau: 0, avgCriteria: 15.26, assessed: 8 },
      ],
      { ntm: 'NTM', nangCao: 'NC', kieuMau: 'KM', avgCriteria: 'TB' },
    ) as Any
    expect(o.xAxis.data).toEqual(['2021', '2022'])
    expect(o.series.map((s: Any) => s.name)).toEqual(['NTM', 'NC', 'KM', 'TB'])
    expect(TREND_SERIES).toEqual(['ntm', 'nangCao', 'kieuMau', 'avgCriteria'])
    expect(o.series[0].data).toEqual([2, 3])
    expect(o.series[3].data).toEqual([null, 15.3])
    expect(o.series[3].yAxisIndex).toBe(1)
  })
})

describe('helpers', () => {
  it('shortens, escapes and sizes', () => {
    expect(shorten('abc', 5)).toBe('abc')
    expect(shorten('abcdefgh', 5)).toBe('abcd…')
    expect(escapeHTML(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
    expect(barsHeight(0)).toBe(160)
    expect(barsHeight(19)).toBe(48 + 19 * 26)
    expect(barsHeight(1000)).toBe(640)
  })
})
