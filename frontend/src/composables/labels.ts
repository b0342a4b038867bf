import { useI18n } from 'vue-i18n'
import { labelKey, type CodeList } from '../lib/codes'

/** Labels and select options for the code lists. */
export function useLabels() {
  const { t, te } = useI18n()
  function label(list: CodeList, code: string | null | undefined): string {
    if (!code) return ''
    const k = labelKey[list](code)
    return te(k) ? t(k) : code
  }
  function options(list: CodeList, codes: string[]) {
    return codes.map((c) => ({ value: c, label: label(list, c) }))
  }
  return { label, options }
}
