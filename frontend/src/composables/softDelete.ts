// Delete (soft, undoable from "Đã xóa") and restore for list screens: ask,
// call the backend, say what happened, refresh — the same everywhere.
import { h } from 'vue'
import { NButton } from 'naive-ui'
import { useI18n } from 'vue-i18n'
import { useFeedback } from './feedback'

export interface SoftDeleteOptions<T> {
  /** vi.json keys of the two questions, e.g. "unit.confirmDelete". */
  confirmDeleteKey: string
  confirmRestoreKey: string
  name: (row: T) => string
  remove: (id: string) => Promise<unknown>
  restore: (id: string) => Promise<unknown>
  /** Called after a successful change. */
  refresh: () => Promise<unknown> | unknown
  /** Message after a restore (default common.restored). */
  restoredKey?: string
}

export function useSoftDelete<T extends { id: string }>(o: SoftDeleteOptions<T>) {
  const { t } = useI18n()
  const { showError, success, confirm } = useFeedback()

  async function act(ok: Promise<boolean>, call: () => Promise<unknown>, done: string) {
    if (!(await ok)) return
    try {
      await call()
      success(done)
      await o.refresh()
    } catch (e) {
      showError(e)
    }
  }

  const remove = (row: T) =>
    act(
      confirm({
        title: t('common.confirmDeleteTitle'),
        content: t(o.confirmDeleteKey, { name: o.name(row) }) + ' ' + t('common.deleteHint'),
        ok: t('common.delete'),
        danger: true,
      }),
      () => o.remove(row.id),
      t('common.deleted'),
    )

  const undelete = (row: T) =>
    act(
      confirm({ title: t('common.confirmRestoreTitle'), content: t(o.confirmRestoreKey, { name: o.name(row) }), ok: t('common.restore') }),
      () => o.restore(row.id),
      t(o.restoredKey ?? 'common.restored'),
    )

  return { remove, undelete }
}

/** A small action button for a table row. */
export const rowButton = (text: string, testid: string, onClick: () => void, type: 'default' | 'error' | 'primary' = 'default') =>
  h(NButton, { size: 'tiny', secondary: type !== 'default', quaternary: type === 'default', type, 'data-testid': testid, onClick }, { default: () => text })
