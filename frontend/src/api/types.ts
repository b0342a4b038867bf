// Plain-object views of the generated Wails models (classes with helper
// methods): the frontend works with plain data and converts on the way out.

/** T without its methods, recursively through arrays and nested objects. */
export type Plain<T> = T extends (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Plain<T[K]> }
    : T

/** One page of a list, as every List* call returns it. */
export interface PageOf<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}
