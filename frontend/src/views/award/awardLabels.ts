// Labels of the award codes (vi.json award.<list>.<code>) and the small
// display rules of the "Khen thưởng" screen. The keys are built here, in
// one place; awardLabels.test.ts checks that vi.json has every one.
import { h, type Component } from 'vue'
import { useI18n } from 'vue-i18n'

export type AwardList = 'status' | 'stage' | 'subject' | 'target' | 'kind' | 'origin' | 'reportForm' | 'check' | 'result' | 'verdict' | 'base' | 'move'

/** The vi.json key of a code's label. */
export const awardKey = (list: AwardList, code: string): string => ['award', list, code].join('.')

/** The label of a code, the code itself when vi.json has none. */
export function useAwardLabels() {
  const { t, te } = useI18n()
  const label = (list: AwardList, code: string | null | undefined): string => {
    if (!code) return ''
    const k = awardKey(list, code)
    return te(k) ? t(k) : code
  }
  const options = (list: AwardList, codes: readonly string[]) => codes.map((c) => ({ value: c, label: label(list, c) }))
  return { label, options }
}

type TagType = 'default' | 'success' | 'info' | 'warning' | 'error'

export const statusTagType: Record<string, TagType> = {
  nhap: 'default',
  da_xet: 'info',
  da_trinh: 'warning',
  tra_lai: 'error',
  da_quyet_dinh: 'success',
}

export const resultTagType: Record<string, TagType> = { met: 'success', not_met: 'error', unknown: 'warning', guidance: 'default' }
export const verdictTagType: Record<string, TagType> = { du: 'success', chua_du: 'error', chua_xac_dinh: 'warning' }

/** The menu icon of "Khen thưởng" (a medal), drawn inline like the others. */
export const awardIcon: Component = {
  name: 'LineIcon',
  render: () =>
    h('svg', { viewBox: '0 0 24 24', width: '1em', height: '1em', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.8, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }, [
      h('path', { d: 'M8 3h8l-2.5 6h-3zM12 21a6 6 0 1 0 0-12 6 6 0 0 0 0 12M12 12.5l.9 1.8 2 .3-1.45 1.4.35 2-1.8-.95-1.8.95.35-2-1.45-1.4 2-.3z' }),
    ]),
}
