public enum NitroCronPlaceholder {}
