import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'

/**
 * The first half of every import: pick a file with the native dialog, read
 * it into a preview (nothing is written), then show the preview dialog,
 * whose "Nhập" commits all or nothing. A cancelled dialog does nothing; an
 * error goes to onError and leaves the dialog closed.
 */
export function useImportPreview<P>(
  pick: () => Promise<string>,
  read: (path: string) => Promise<P>,
  onError: (e: unknown) => void,
): { path: Ref<string>; preview: ShallowRef<P | null>; show: Ref<boolean>; busy: Ref<boolean>; start: () => Promise<void> } {
  const path = ref('')
  const preview = shallowRef<P | null>(null)
  const show = ref(false)
  const busy = ref(false)
  async function start() {
    try {
      const p = await pick()
      if (!p) return
      busy.value = true
      preview.value = await read(p)
      path.value = p
      show.value = true
    } catch (e) {
      onError(e)
    } finally {
      busy.value = false
    }
  }
  return { path, preview, show, busy, start }
}
