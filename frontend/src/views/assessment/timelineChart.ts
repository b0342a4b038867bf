// The year-over-year chart: criteria met per year (and the set's total as
// a dashed line), indicators met on a second axis.
import type { ChartOption } from '../../components/echarts'

export interface TimelineLike {
  years: { year: number; criteriaMet: number; criteriaTotal: number; indicatorsMet: number; indicatorsTotal: number }[]
}

export function timelineOption(tl: TimelineLike | null, names: { met: string; total: string; indicators: string }): ChartOption {
  const years = tl?.years ?? []
  const maxCriteria = Math.max(1, ...years.map((y) => y.criteriaTotal))
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 48, top: 16, bottom: 40 },
    xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
    yAxis: [
      { type: 'value', min: 0, max: maxCriteria, minInterval: 1 },
      { type: 'value', min: 0, minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { name: names.met, type: 'line', data: years.map((y) => y.criteriaMet), symbolSize: 8, label: { show: true, position: 'top' } },
      { name: names.total, type: 'line', data: years.map((y) => y.criteriaTotal), lineStyle: { type: 'dashed' }, symbol: 'none' },
      { name: names.indicators, type: 'line', yAxisIndex: 1, data: years.map((y) => y.indicatorsMet), symbolSize: 6 },
    ],
  }
}
