let oÿşther = defineTask { _ in }
