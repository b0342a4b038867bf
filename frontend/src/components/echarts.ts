// ECharts with only what the app draws: bar and line charts on a grid, with
// tooltip, legend and data zoom, drawn as SVG (crisp at any zoom, light on
// memory). Import charts from here, never from 'echarts' (the full bundle);
// EChart.vue loads this module on demand.
import { use, init, type ComposeOption, type ECElementEvent, type EChartsType } from 'echarts/core'
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts'
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, MarkLineComponent, SVGRenderer])

/** The options a chart of the app may use (type-checked: only the registered parts). */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | MarkLineComponentOption
>

/** What a click on a bar, point or label reports (ECharts' own params). */
export type ChartClick = ECElementEvent

export type Chart = EChartsType

/** Creates a chart in the element (SVG renderer). */
export function createChart(el: HTMLElement): Chart {
  return init(el, undefined, { renderer: 'svg' })
}
