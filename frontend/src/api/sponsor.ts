import * as S from '../../wailsjs/go/app/Sponsors'
import { attach, sponsor } from '../../wailsjs/go/models'
import { call } from './error'
import type { PageOf, Plain } from './types'

export type Registration = Plain<sponsor.Registration>
export type RegistrationRow = Plain<sponsor.Row>
export type RegistrationQuery = Plain<sponsor.Query>
export type StaffRef = Plain<sponsor.StaffRef>
export type Attachment = Plain<attach.Attachment>
export type ActivityDetail = Plain<sponsor.ActivityDetail>
export type RegistrationDetail = Plain<sponsor.Detail>
export type ComplianceRow = Plain<sponsor.ComplianceRow>
export type Compliance = Plain<sponsor.Compliance>
export type UnitSupport = Plain<sponsor.UnitSupport>
export type LocalitySupport = Plain<sponsor.LocalitySupport>

/** What the registration form edits (an empty id creates). */
export type RegistrationInput = Pick<
  Registration,
  'unitId' | 'localityId' | 'fromDate' | 'toDate' | 'content' | 'commitVisits' | 'commitFunds' | 'commitWorkdays' | 'commitNote' | 'contactNote'
> & { id: string; version: number; campaignId?: string | null; contactStaffId?: string | null; status?: string }

/** What the activity form edits (an empty id creates). */
export type ActivityInput = Pick<ActivityDetail, 'registrationId' | 'date' | 'kind' | 'description' | 'amountVND' | 'workdays' | 'result'> & {
  id: string
  version: number
  participantIds: string[]
}

const clean = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T

const arr = <T>(a: T[] | null | undefined): T[] => (Array.isArray(a) ? a : [])

export function normaliseActivity(a: ActivityDetail): ActivityDetail {
  return { ...a, participants: arr(a.participants), attachments: arr(a.attachments) }
}

/** Go's nil slices arrive as null; activities newest first. */
export function normaliseDetail(d: RegistrationDetail): RegistrationDetail {
  const activities = arr(d.activities).map(normaliseActivity)
  activities.sort((a, b) => (a.date === b.date ? (b.createdAt ?? '').localeCompare(a.createdAt ?? '') : b.date.localeCompare(a.date)))
  return { ...d, activities }
}

/** Units that do not comply first (required before not required), then by name. */
export function sortCompliance(rows: ComplianceRow[]): ComplianceRow[] {
  const rank = (r: ComplianceRow) => (r.required && !r.complies ? 0 : r.required ? 1 : 2)
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.unitName.localeCompare(b.unitName, 'vi'))
}

export function normaliseCompliance(c: Compliance): Compliance {
  return {
    ...c,
    required: c.required ?? 0,
    complying: c.complying ?? 0,
    units: sortCompliance(arr(c.units).map((u) => ({ ...u, localities: arr(u.localities), ended: arr(u.ended) }))),
  }
}

export function normaliseSupport(s: LocalitySupport): LocalitySupport {
  return { ...s, units: arr(s.units).map((u) => ({ ...u, statuses: arr(u.statuses) })) }
}

/** Registration statuses a registration may move to from the given one. */
export function nextStatuses(status: string): string[] {
  switch (status) {
    case 'dang_ky':
      return ['dang_thuc_hien', 'huy']
    case 'dang_thuc_hien':
      return ['hoan_thanh', 'huy']
    default:
      return []
  }
}

export const listRegistrations = (q: RegistrationQuery): Promise<PageOf<RegistrationRow>> =>
  call(() => S.List(sponsor.Query.createFrom(q))).then((p): PageOf<RegistrationRow> => ({ ...p, items: arr(p.items) }))
export const getRegistration = (id: string): Promise<RegistrationDetail> => call(() => S.Get(id)).then(normaliseDetail)
export const saveRegistration = (r: RegistrationInput): Promise<Registration> => call(() => S.Save(sponsor.Registration.createFrom(clean(r))))
export const setRegistrationStatus = (id: string, version: number, status: string, reason = ''): Promise<Registration> =>
  call(() => S.SetStatus(id, version, status, reason))
export const deleteRegistration = (id: string): Promise<void> => call(() => S.Delete(id))
export const restoreRegistration = (id: string): Promise<void> => call(() => S.Restore(id))
export const saveActivity = (a: ActivityInput): Promise<ActivityDetail> => call(() => S.SaveActivity(sponsor.ActivityInput.createFrom(clean(a)))).then(normaliseActivity)
export const deleteActivity = (id: string): Promise<void> => call(() => S.DeleteActivity(id))
export const restoreActivity = (id: string): Promise<void> => call(() => S.RestoreActivity(id))
/** The registration's deleted activities ("Đã xóa"), to restore them. */
export const listDeletedActivities = (registrationId: string): Promise<ActivityDetail[]> =>
  call(() => S.DeletedActivities(registrationId)).then((list) => (list ?? []).map(normaliseActivity))
/** Opens the native file dialog; "" means the user cancelled. */
export const pickAttachment = (): Promise<string> => call(() => S.PickAttachment())
export const addAttachment = (activityId: string, path: string): Promise<Attachment> => call(() => S.AddAttachment(activityId, path))
export const openAttachment = (id: string): Promise<void> => call(() => S.OpenAttachment(id))
export const deleteAttachment = (id: string): Promise<void> => call(() => S.DeleteAttachment(id))
export const getCompliance = (): Promise<Compliance> => call(() => S.Compliance()).then(normaliseCompliance)
export const localitySupport = (localityId: string): Promise<LocalitySupport> => call(() => S.LocalitySupport(localityId)).then(normaliseSupport)
/** Save dialog, then writes the .xlsx; "" means the user cancelled. */
export const exportRegistrations = (): Promise<string> => call(() => S.Export())
