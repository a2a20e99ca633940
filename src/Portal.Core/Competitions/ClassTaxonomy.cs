namespace Portal.Core.Competitions;

/// <summary>
/// The classes of a competition and, optionally, the attribute axes they are composed of.
/// With axes, a class index is a mixed-radix number whose digits are the axis values, the first
/// axis most significant: for the mask task <c>class = mask*6 + gender*3 + age</c>.
/// </summary>
public sealed class ClassTaxonomy
{
    private readonly int[] _strides;
    private readonly byte[][] _valueOfClass;

    /// <summary>The built-in mask task: 18 classes over mask (3) x gender (2) x age (3).</summary>
    public static ClassTaxonomy MaskGenderAge { get; } = CreateMaskGenderAge();

    public ClassTaxonomy(IReadOnlyList<string> classNames, IReadOnlyList<AttributeAxis>? axes = null)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count is < 2 or > 256)
        {
            throw new ArgumentException("A competition needs between 2 and 256 classes.", nameof(classNames));
        }

        ClassNames = classNames.ToArray();
        Axes = axes?.ToArray() ?? [];
        if (Axes.Count > 0)
        {
            long product = 1;
            foreach (var axis in Axes)
            {
                if (axis.Size < 2)
                {
                    throw new ArgumentException($"Attribute '{axis.Name}' needs at least two values.", nameof(axes));
                }

                product *= axis.Size;
            }

            if (product != ClassNames.Count)
            {
                throw new ArgumentException(
                    $"The attribute axes combine into {product} classes but {ClassNames.Count} class names were given.", nameof(axes));
            }
        }

        _strides = new int[Axes.Count];
        var stride = 1;
        for (var a = Axes.Count - 1; a >= 0; a--)
        {
            _strides[a] = stride;
            stride *= Axes[a].Size;
        }

        _valueOfClass = new byte[Axes.Count][];
        for (var a = 0; a < Axes.Count; a++)
        {
            _valueOfClass[a] = new byte[ClassNames.Count];
            for (var c = 0; c < ClassNames.Count; c++)
            {
                _valueOfClass[a][c] = (byte)(c / _strides[a] % Axes[a].Size);
            }
        }
    }

    /// <summary>Class names, indexed by class.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The attribute axes; empty when the classes are not a product of attributes.</summary>
    public IReadOnlyList<AttributeAxis> Axes { get; }

    /// <summary>The number of classes C.</summary>
    public int Count => ClassNames.Count;

    /// <summary>A taxonomy of <paramref name="count"/> classes named 0..count-1, without axes.</summary>
    public static ClassTaxonomy Plain(int count) =>
        new(Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());

    /// <summary>The value of attribute <paramref name="axis"/> for class <paramref name="classIndex"/>.</summary>
    public int ValueOf(int axis, int classIndex) => _valueOfClass[axis][classIndex];

    /// <summary>A lookup table: class index to the value of attribute <paramref name="axis"/>.</summary>
    public ReadOnlySpan<byte> AxisValueTable(int axis) => _valueOfClass[axis];

    /// <summary>The class whose attribute values are <paramref name="values"/> (one per axis).</summary>
    public int Compose(ReadOnlySpan<int> values)
    {
        if (values.Length != Axes.Count)
        {
            throw new ArgumentException($"Expected {Axes.Count} attribute values.", nameof(values));
        }

        var c = 0;
        for (var a = 0; a < Axes.Count; a++)
        {
            c += values[a] * _strides[a];
        }

        return c;
    }

    private static ClassTaxonomy CreateMaskGenderAge()
    {
        string[] mask = ["Wear", "Incorrect", "Not wear"];
        string[] gender = ["Male", "Female"];
        string[] age = ["<30", "30-59", ">=60"];
        var names = new List<string>(18);
        foreach (var m in mask)
        {
            foreach (var g in gender)
            {
                foreach (var a in age)
                {
                    names.Add($"{m} / {g} / {a}");
                }
            }
        }

        return new ClassTaxonomy(names,
        [
            new AttributeAxis("mask", mask),
            new AttributeAxis("gender", gender),
            new AttributeAxis("age", age),
        ]);
    }
}
