import * as S from '../../wailsjs/go/app/System'
import { app, org, store } from '../../wailsjs/go/models'
import { call } from './error'
import type { Plain } from './types'
import type { AgencyInput } from './org'

export type Status = Plain<app.Status>
export type Choices = Plain<app.Choices>
export type BackupInfo = Plain<store.BackupInfo>
export type RestoreResult = Plain<app.RestoreResult>

export const getStatus = (): Promise<Status> => call(() => S.Status())
export const reconnect = (): Promise<Status> => call(() => S.Reconnect())
export const setup = (agency: AgencyInput | null, useSample: boolean): Promise<Status> =>
  call(() => S.Setup(org.Agency.createFrom(agency ?? {}), useSample))
export const backupNow = (): Promise<BackupInfo> => call(() => S.BackupNow())
export const listBackups = (): Promise<BackupInfo[]> => call(() => S.ListBackups())
/** Opens the native file dialog; "" means the user cancelled. */
export const pickBackupFile = (): Promise<string> => call(() => S.PickBackupFile())
export const restore = (path: string): Promise<RestoreResult> => call(() => S.Restore(path))
export const openDataFolder = (): Promise<void> => call(() => S.OpenDataFolder())
export const choices = (): Promise<Choices> => call(() => S.Choices())

/** Tells the backend a view has painted (for the start-up benchmark); never fails. */
export async function uiReady(view: string): Promise<void> {
  try {
    await S.UIReady(view)
  } catch {
    // Only a log line is lost.
  }
}

const reported = new Set<string>()

/** uiReady, at most once per view for the life of the window. */
export function uiReadyOnce(view: string): void {
  if (reported.has(view)) return
  reported.add(view)
  void uiReady(view)
}
