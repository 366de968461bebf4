namespace Sim.Vhk158.Memory;

/// <summary>How a transfer's addresses follow each other: row-buffer hits or not.</summary>
public enum AccessPattern { Sequential, Random }
