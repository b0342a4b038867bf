import { createI18n } from 'vue-i18n'
import vi from './locales/vi.json'

export type MessageSchema = typeof vi

export const i18n = createI18n({
  legacy: false,
  locale: 'vi',
  fallbackLocale: 'vi',
  messages: { vi },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
})
