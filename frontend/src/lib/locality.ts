// Small helpers for showing localities.
import { LOCALITY_FLAGS, type LocalityFlag } from './codes'

interface Named {
  name: string
  code?: string
  kind: string
  parentName?: string
}

/** "Xã Mẫu Sơn (19000) — Huyện Minh Hóa" (official names carry their kind). */
export function localityLabel(r: Named): string {
  const base = r.code ? `${r.name} (${r.code})` : r.name
  return r.parentName ? `${base} — ${r.parentName}` : base
}

/** The flags set on a locality, in the fixed order. */
export function flagsOf(l: Partial<Record<LocalityFlag, boolean>>): LocalityFlag[] {
  return LOCALITY_FLAGS.filter((f) => !!l[f])
}

/** A path of refs as text, nearest last: "Tỉnh A › Huyện B › Xã C". */
export function pathText(path: { name: string }[], sep = ' › '): string {
  return path.map((p) => p.name).join(sep)
}
