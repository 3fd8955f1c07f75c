package enum NitroBuildPlaceholder {}
