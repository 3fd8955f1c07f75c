// Ignored by *.draft.swift.
