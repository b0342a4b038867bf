// The code lists the backend offers (System.Choices) and where their
// Vietnamese labels live in vi.json. The lists here are the fallback and the
// reference for the i18n test; the forms use the backend's lists.

export const UNIT_KINDS = ['lanh_dao', 'phong', 'don_vi_thuoc', 'don_vi_truc_thuoc', 'dang', 'doan_the', 'hoi_dong', 'khac']
export const STAFF_CATEGORIES = ['cong_chuc', 'vien_chuc', 'nguoi_lao_dong']
export const GENDERS = ['nam', 'nu']
export const MILESTONE_KINDS = ['ban_hanh_ke_hoach', 'so_ket', 'tong_ket', 'kiem_tra', 'bao_cao', 'khac']
export const COMPARATORS = ['>=', '<=', '=']

// Localities (Địa bàn). The level follows from the kind; it is never typed.
export const LOCALITY_KINDS_BY_LEVEL: Record<number, string[]> = {
  1: ['tinh', 'thanh_pho_tw'],
  2: ['huyen', 'quan', 'thi_xa', 'thanh_pho'],
  3: ['xa', 'phuong', 'thi_tran', 'dac_khu'],
  4: ['thon', 'ban', 'lang', 'ap', 'to_dan_pho'],
}
export const LOCALITY_KINDS = Object.values(LOCALITY_KINDS_BY_LEVEL).flat()
export const LOCALITY_LEVELS = ['1', '2', '3', '4']
/** The six flags, by their JSON names. */
export const LOCALITY_FLAGS = ['specialDifficulty', 'border', 'mountain', 'coastalLowland', 'island', 'safeZone'] as const
export type LocalityFlag = (typeof LOCALITY_FLAGS)[number]
export const REGIONS = [
  'trung_du_mien_nui_phia_bac',
  'dong_bang_song_hong',
  'bac_trung_bo',
  'duyen_hai_nam_trung_bo',
  'tay_nguyen',
  'dong_nam_bo',
  'dong_bang_song_cuu_long',
]
export const ETHNIC_AREAS = ['I', 'II', 'III']
export const COMMUNE_GROUPS = [1, 2, 3]
export const NTM_LEVELS_COMMUNE = ['chua_dat', 'dat_chuan', 'nang_cao', 'kieu_mau']
export const NTM_LEVELS = [...NTM_LEVELS_COMMUNE, 'thon_dat_chuan']
export const IMPORT_ACTIONS = ['create', 'update', 'unchanged', 'error']
export const REPAIR_KINDS = ['tcvn3', 'vni', 'nfd', 'bom', 'spaces']

// Sponsorships (Đăng ký hỗ trợ).
export const SPONSOR_STATUSES = ['dang_ky', 'dang_thuc_hien', 'hoan_thanh', 'huy']
export const ACTIVITY_KINDS = ['khao_sat', 'huong_dan', 'tuyen_truyen', 'ho_tro_kinh_phi', 'ho_tro_hien_vat', 'ngay_cong', 'khac']

/** The level (1–4) a kind belongs to; 0 when unknown. */
export function levelOfKind(kind: string): number {
  for (const [level, kinds] of Object.entries(LOCALITY_KINDS_BY_LEVEL)) if (kinds.includes(kind)) return +level
  return 0
}

const COMPARATOR_NAMES: Record<string, string> = { '>=': 'ge', '<=': 'le', '=': 'eq' }

export const labelKey = {
  unitKind: (c: string) => `org.unitKind.${c}`,
  staffCategory: (c: string) => `org.staffCategory.${c}`,
  gender: (c: string) => `org.gender.${c}`,
  milestoneKind: (c: string) => `campaign.milestoneKind.${c}`,
  comparator: (c: string) => `campaign.comparator.${COMPARATOR_NAMES[c] ?? c}`,
  localityKind: (c: string) => `locality.kind.${c}`,
  localityLevel: (c: string) => `locality.level.${c}`,
  localityFlag: (c: string) => `locality.flag.${c}`,
  region: (c: string) => `locality.region.${c}`,
  ntmLevel: (c: string) => `locality.ntmLevel.${c}`,
  importAction: (c: string) => `locality.import.action.${c}`,
  repairKind: (c: string) => `locality.import.repairHow.${c}`,
  sponsorStatus: (c: string) => `sponsor.status.${c}`,
  activityKind: (c: string) => `sponsor.activityKind.${c}`,
}

export type CodeList = keyof typeof labelKey

/** Tag colours of registration statuses. */
export const sponsorStatusType: Record<string, 'default' | 'info' | 'success' | 'warning' | 'error'> = {
  dang_ky: 'info',
  dang_thuc_hien: 'warning',
  hoan_thanh: 'success',
  huy: 'default',
}
