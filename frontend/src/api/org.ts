import * as O from '../../wailsjs/go/app/Org'
import { org } from '../../wailsjs/go/models'
import { call } from './error'
import type { PageOf, Plain } from './types'

export type Agency = Plain<org.Agency>
export type Deputy = Plain<org.Deputy>
export type Unit = Plain<org.Unit>
export type Staff = Plain<org.Staff>
export type UnitQuery = Plain<org.UnitQuery>
export type StaffQuery = Plain<org.StaffQuery>

/** What the agency form edits; id and version identify an existing profile. */
export type AgencyInput = Omit<Agency, 'createdAt' | 'updatedAt' | 'deletedAt' | 'id' | 'version'> & {
  id?: string
  version?: number
}
/** What the unit form edits (an empty id creates). */
export type UnitInput = Pick<Unit, 'name' | 'shortName' | 'kind' | 'active' | 'sortOrder' | 'note'> & {
  id: string
  version: number
  parentId?: string | null
  headStaffId?: string | null
}
/** What the staff form edits (an empty id creates). */
export type StaffInput = Pick<
  Staff,
  'fullName' | 'gender' | 'birthDate' | 'birthYear' | 'position' | 'rank' | 'category' | 'phone' | 'email' | 'active' | 'note'
> & { id: string; version: number; unitId?: string | null }

// Only the editable fields travel back: the time stamps would not parse if empty.
const clean = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T

export const getAgency = (): Promise<Agency> => call(() => O.GetAgency())
export const saveAgency = (a: AgencyInput): Promise<Agency> =>
  call(() => O.SaveAgency(org.Agency.createFrom(clean(a))))

export const listUnits = (q: UnitQuery): Promise<PageOf<Unit>> => call(() => O.ListUnits(org.UnitQuery.createFrom(q)))
export const allUnits = (): Promise<Unit[]> => call(() => O.AllUnits())
export const saveUnit = (u: UnitInput): Promise<Unit> => call(() => O.SaveUnit(org.Unit.createFrom(clean(u))))
export const deleteUnit = (id: string): Promise<void> => call(() => O.DeleteUnit(id))
export const restoreUnit = (id: string): Promise<void> => call(() => O.RestoreUnit(id))

export const listStaff = (q: StaffQuery): Promise<PageOf<Staff>> => call(() => O.ListStaff(org.StaffQuery.createFrom(q)))
export const saveStaff = (p: StaffInput): Promise<Staff> => call(() => O.SaveStaff(org.Staff.createFrom(clean(p))))
export const deleteStaff = (id: string): Promise<void> => call(() => O.DeleteStaff(id))
export const restoreStaff = (id: string): Promise<void> => call(() => O.RestoreStaff(id))
