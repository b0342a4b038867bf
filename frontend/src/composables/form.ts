import { ref } from 'vue'
import { AppError, describeError, toAppError, type FieldError } from '../api/error'
import { useFeedback, useFieldErrors } from './feedback'

/**
 * The save cycle shared by the forms: client checks first, then the backend;
 * field errors go under their fields, the rest to a message. Resolves to the
 * saved value, or null when nothing was saved.
 */
export function useSaveForm() {
  const fe = useFieldErrors()
  const fb = useFeedback()
  const saving = ref(false)

  async function save<T>(check: () => FieldError[], run: () => Promise<T>, onStale?: (err: AppError) => void): Promise<T | null> {
    fe.clear()
    const local = check()
    if (local.length) {
      fe.setFrom(new AppError('errors.invalid', {}, local))
      fb.showError(new AppError('errors.invalid'))
      return null
    }
    saving.value = true
    try {
      return await run()
    } catch (e) {
      const err = toAppError(e)
      if (err.fields.length) fe.setFrom(err)
      if (err.key === 'errors.stale' && onStale) onStale(err)
      else fb.showError(err)
      return null
    } finally {
      saving.value = false
    }
  }

  /** Offers to reload after a stale save (the edits are lost either way). */
  function offerReload(err: AppError, reload: () => void) {
    fb.dialog.warning({
      title: fb.tr.t('common.staleTitle'),
      content: describeError(err, fb.tr),
      positiveText: fb.tr.t('common.reloadForm'),
      negativeText: fb.tr.t('common.cancel'),
      positiveButtonProps: { 'data-testid': 'confirm-ok' } as Record<string, string>,
      onPositiveClick: reload,
    })
  }

  return { fe, fb, saving, save, offerReload }
}
