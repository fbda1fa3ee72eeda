public enum CSESchemaModule {}
