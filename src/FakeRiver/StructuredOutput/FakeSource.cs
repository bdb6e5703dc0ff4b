using Bogus;
using Bogus.DataSets;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// The few Bogus data sets the generator reads, all on one seeded randomizer. A whole <see cref="Faker"/> costs about
/// 20 ms to build (it makes every data set); these cost microseconds, which matters once per simulated attempt.
/// </summary>
internal sealed class FakeSource
{
    public FakeSource(int seed)
    {
        Random = new Randomizer(seed);
        Hacker = new Hacker("en") { Random = Random };
        Name = new Name("en") { Random = Random };
        Company = new Company("en") { Random = Random };
    }

    public Randomizer Random { get; }

    public Hacker Hacker { get; }

    public Name Name { get; }

    public Company Company { get; }

    public T Pick<T>(IList<T> items) => items[Random.Int(0, items.Count - 1)];
}
