import { createI18n } from 'vue-i18n'
import vi from '../locales/vi.json'
import type { Translator } from '../api/error'

/** The real vi.json behind the same t/te the components use. */
export function translator(): Translator {
  const i18n = createI18n({ legacy: false, locale: 'vi', messages: { vi }, missingWarn: false, fallbackWarn: false })
  const g = i18n.global
  return { t: (k, p) => (p ? g.t(k, p) : g.t(k)), te: (k) => g.te(k) }
}
