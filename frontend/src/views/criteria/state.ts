import { defineStore } from 'pinia'
import { reactive } from 'vue'
import { matrixQuery } from '../../api/assessment'
import { newListState } from '../../lib/listState'

/** The query state of the criteria and assessment screens, kept while the user moves between screens. */
export const useNtmLists = defineStore('ntmLists', () => {
  const sets = reactive(newListState({ phase: '', target: '', current: 'yes' }, 'code', 50))
  const assessments = reactive(newListState({ setCode: '', year: '', status: '', localityId: '' }, 'date'))
  assessments.desc = true
  const matrix = reactive(matrixQuery())
  /** Labels of the pickers' current choices (the pickers load lazily). */
  const matrixLabels = reactive({ parent: '' })
  return { sets, assessments, matrix, matrixLabels }
})
