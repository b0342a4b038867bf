import { defineStore } from 'pinia'
import { reactive } from 'vue'
import { newListState } from '../../lib/listState'

/** The award lists' query state, kept while the user moves between screens. */
export const useAwardListsStore = defineStore('awardLists', () => {
  const proposals = reactive(newListState({ campaignId: '', status: '', year: '' }, ''))
  const records = reactive(newListState({ subjectKind: '', unitId: '', year: '', kind: '', formCode: '', thematic: '', origin: '' }, ''))
  return { proposals, records }
})
