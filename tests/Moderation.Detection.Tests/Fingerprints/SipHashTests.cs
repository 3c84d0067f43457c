using Moderation.Detection.Fingerprints;

namespace Moderation.Detection.Tests.Fingerprints;

public sealed class SipHashTests
{
    // Key 00 01 .. 0f of the SipHash reference implementation.
    private const ulong K0 = 0x0706050403020100UL;
    private const ulong K1 = 0x0f0e0d0c0b0a0908UL;

    [Theory]
    [InlineData(0, 0x726fdb47dd0e0e31UL)]
    [InlineData(1, 0x74f839c593dc67fdUL)]
    [InlineData(8, 0x93f5f5799a932462UL)]
    [InlineData(15, 0xa129ca6149be45e5UL)]
    public void Matches_the_reference_test_vectors(int length, ulong expected)
    {
        byte[] message = [.. Enumerable.Range(0, length).Select(i => (byte)i)];

        SipHash24.Hash(K0, K1, message).Should().Be(expected);
    }

    [Fact]
    public void The_one_block_path_agrees_with_the_general_one()
    {
        const ulong Value = 0x0706050403020100UL;

        SipHash24.Hash(K0, K1, Value).Should().Be(SipHash24.Hash(K0, K1, BitConverter.GetBytes(Value)));
    }
}
