// The code lists the backend offers (System.Choices) and where their
// Vietnamese labels live in vi.json. The lists here are the fallback and the
// reference for the i18n test; the forms use the backend's lists.

export const UNIT_KINDS = ['lanh_dao', 'phong', 'don_vi_thuoc', 'don_vi_truc_thuoc', 'dang', 'doan_the', 'hoi_dong', 'khac']
export const STAFF_CATEGORIES = ['cong_chuc', 'vien_chuc', 'nguoi_lao_dong']
export const GENDERS = ['nam', 'nu']
export const MILESTONE_KINDS = ['ban_hanh_ke_hoach', 'so_ket', 'tong_ket', 'kiem_tra', 'bao_cao', 'khac']
export const COMPARATORS = ['>=', '<=', '=']

const COMPARATOR_NAMES: Record<string, string> = { '>=': 'ge', '<=': 'le', '=': 'eq' }

export const labelKey = {
  unitKind: (c: string) => `org.unitKind.${c}`,
  staffCategory: (c: string) => `org.staffCategory.${c}`,
  gender: (c: string) => `org.gender.${c}`,
  milestoneKind: (c: string) => `campaign.milestoneKind.${c}`,
  comparator: (c: string) => `campaign.comparator.${COMPARATOR_NAMES[c] ?? c}`,
}

export type CodeList = keyof typeof labelKey
