public enum CSECoreModule {}
