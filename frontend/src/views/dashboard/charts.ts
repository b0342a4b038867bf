// The dashboard's chart options, built from the figures alone (pure, tested):
// every visible word comes in through `labels` (vi.json, translated by the caller).
import type { ChartOption } from '../../components/echarts'
import { formatNumber } from '../../lib/format'
import { formatShare, sortPassRates, type PassLike } from './figures'

const AXIS_LABEL = { color: '#4b5563', fontSize: 11 }
const SPLIT_LINE = { lineStyle: { color: '#eef0f3' } }
const TOOLTIP_STYLE = { confine: true, textStyle: { fontSize: 12 } }

/** Text for the HTML of a tooltip: names come from user data. */
export function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

/** Cuts a long name for an axis label: "Phòng Kinh tế hạ tầng…". */
export function shorten(s: string, max = 26): string {
  const t = s.trim()
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t
}

/** The height that fits n horizontal bars (rows) in a chart. */
export function barsHeight(n: number, perRow = 26, min = 160, max = 640): number {
  return Math.max(min, Math.min(max, 48 + n * perRow))
}

export interface PassRow extends PassLike {
  name: string
}

/**
 * Pass rate per criterion as horizontal bars, the lowest at the top; a bar's
 * dataIndex is its index in sortPassRates(rows) (what a click reports).
 */
export function passRateOption(
  rows: readonly PassRow[],
  labels: { series: string; axis: (no: number) => string; tooltip: (r: PassRow) => string[] },
): ChartOption {
  const sorted = sortPassRates(rows)
  return {
    grid: { left: 8, right: 44, top: 8, bottom: 8, containLabel: true },
    tooltip: { ...TOOLTIP_STYLE, trigger: 'item', formatter: (p: unknown) => tooltipLines(labels.tooltip(sorted[(p as { dataIndex: number }).dataIndex])) },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...AXIS_LABEL, formatter: (v: number) => `${v}%` }, splitLine: SPLIT_LINE },
    yAxis: { type: 'category', inverse: true, data: sorted.map((r) => labels.axis(r.no)), axisLabel: AXIS_LABEL, axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        name: labels.series,
        data: sorted.map((r) => ({ value: r.rate, itemStyle: { color: rateColor(r.rate) } })),
        barMaxWidth: 18,
        cursor: 'pointer',
        label: { show: true, position: 'right', fontSize: 11, color: '#374151', formatter: (p: unknown) => formatShare((p as { value: number }).value) },
      },
    ],
  }
}

function tooltipLines(lines: string[]): string {
  return lines.map(escapeHTML).join('<br/>')
}

/** Red under 50%, amber under 80%, green above. */
export function rateColor(rate: number): string {
  if (rate < 50) return '#dc2626'
  if (rate < 80) return '#d97706'
  return '#1d6b57'
}

export interface UnitRow {
  unitId: string
  unitName: string
  communes: number
  communesNTM: number
}

/** Communes supported and communes at NTM standard per unit, as horizontal bars (in the given order). */
export function unitsOption(rows: readonly UnitRow[], labels: { communes: string; ntm: string }): ChartOption {
  return {
    grid: { left: 8, right: 32, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
    tooltip: { ...TOOLTIP_STYLE, trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => shorten(r.unitName)), axisLabel: AXIS_LABEL, axisTick: { show: false } },
    series: [
      { type: 'bar', name: labels.communes, data: rows.map((r) => r.communes), barMaxWidth: 12, cursor: 'pointer', itemStyle: { color: '#9ca3af' } },
      { type: 'bar', name: labels.ntm, data: rows.map((r) => r.communesNTM), barMaxWidth: 12, cursor: 'pointer', itemStyle: { color: '#1d6b57' } },
    ],
  }
}

export interface TrendRow {
  year: number
  ntm: number
  nangCao: number
  kieuMau: number
  avgCriteria: number
  assessed: number
}

/** The series of the trend chart, in order; a click's seriesIndex indexes this. */
export const TREND_SERIES = ['ntm', 'nangCao', 'kieuMau', 'avgCriteria'] as const
export type TrendSeries = (typeof TREND_SERIES)[number]

/** NTM counts per year (left axis) and the average criteria met (right axis, dashed). */
export function trendOption(rows: readonly TrendRow[], labels: Record<TrendSeries, string>): ChartOption {
  const years = rows.map((r) => String(r.year))
  const line = (key: Exclude<TrendSeries, 'avgCriteria'>, color: string) => ({
    type: 'line' as const,
    name: labels[key],
    data: rows.map((r) => r[key]),
    symbolSize: 8,
    cursor: 'pointer',
    itemStyle: { color },
    lineStyle: { color, width: 2 },
  })
  return {
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 12 } },
    tooltip: {
      ...TOOLTIP_STYLE,
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v, 1) : String(v ?? '')),
    },
    xAxis: { type: 'category', data: years, axisLabel: AXIS_LABEL, boundaryGap: rows.length < 2 },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
      { type: 'value', min: 0, axisLabel: AXIS_LABEL, splitLine: { show: false } },
    ],
    series: [
      line('ntm', '#1d6b57'),
      line('nangCao', '#2563eb'),
      line('kieuMau', '#9333ea'),
      {
        type: 'line',
        name: labels.avgCriteria,
        yAxisIndex: 1,
        data: rows.map((r) => (r.assessed ? Math.round(r.avgCriteria * 10) / 10 : null)),
        symbolSize: 6,
        itemStyle: { color: '#d97706' },
        lineStyle: { color: '#d97706', type: 'dashed', width: 1.5 },
      },
    ],
  }
}
