import NitroTasks

#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
#if A
let deep = defineTask { _ in }
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
#else
let deep = defineTask { _ in }
#endif
