// Showing results and errors: every error goes through describeError, so the
// user reads Vietnamese from vi.json and never a raw error string.
import { reactive } from 'vue'
import { useDialog, useMessage, useNotification } from 'naive-ui'
import { useI18n } from 'vue-i18n'
import { describeError, fieldMessages, toAppError, type AppError, type Translator } from '../api/error'

export function useTranslator(): Translator {
  const { t, te } = useI18n()
  return { t: (k, p) => (p ? t(k, p) : t(k)), te: (k) => te(k) }
}

export function useFeedback() {
  const tr = useTranslator()
  const message = useMessage()
  const notification = useNotification()
  const dialog = useDialog()

  /** Shows an error (short ones as a message, long ones as a notification). */
  function showError(e: unknown): AppError {
    const err = toAppError(e)
    const text = describeError(err, tr)
    if (text.length > 110) {
      notification.error({ title: tr.t('common.errorTitle'), content: text, duration: 12000, keepAliveOnHover: true })
    } else {
      message.error(text, { duration: 6000, closable: true })
    }
    return err
  }

  function success(text: string) {
    message.success(text, { duration: 3500 })
  }

  /** Asks before something consequential; resolves true on "OK". */
  function confirm(opts: { title: string; content: string; ok: string; danger?: boolean }): Promise<boolean> {
    return new Promise((resolve) => {
      let done = false
      const finish = (v: boolean) => {
        if (!done) {
          done = true
          resolve(v)
        }
      }
      const show = opts.danger ? dialog.warning : dialog.info
      show({
        title: opts.title,
        content: opts.content,
        positiveText: opts.ok,
        negativeText: tr.t('common.cancel'),
        positiveButtonProps: { 'data-testid': 'confirm-ok' } as Record<string, string>,
        negativeButtonProps: { 'data-testid': 'confirm-cancel' } as Record<string, string>,
        onPositiveClick: () => finish(true),
        onNegativeClick: () => finish(false),
        onClose: () => finish(false),
        onMaskClick: () => finish(false),
        onAfterLeave: () => finish(false),
      })
    })
  }

  return { tr, showError, success, confirm, dialog, message }
}

/** Inline field errors for a form: from client checks or from the backend. */
export function useFieldErrors() {
  const tr = useTranslator()
  const state = reactiveErrors()

  function setFrom(err: AppError) {
    state.map = fieldMessages(err, tr)
  }

  function clear(field?: string) {
    if (field === undefined) state.map = {}
    else if (field in state.map) {
      const next = { ...state.map }
      delete next[field]
      state.map = next
    }
  }

  /** Props for an NFormItem: the message in its feedback, red when present. */
  function fb(field: string): { feedback?: string; validationStatus?: 'error' } {
    const m = state.map[field]
    return m ? { feedback: m, validationStatus: 'error' } : {}
  }

  function any(): boolean {
    return Object.keys(state.map).length > 0
  }

  return { state, setFrom, clear, fb, any }
}

function reactiveErrors() {
  return reactive({ map: {} as Record<string, string> })
}
