namespace Sim.Vhk158.Memory;

/// <summary>The part of a transfer that falls on one channel: <paramref name="Bytes"/> on channel <paramref name="Channel"/>.</summary>
public readonly record struct ChannelPortion(int Channel, long Bytes);
