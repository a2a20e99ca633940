using Portal.Core.Randomness;
using SkiaSharp;

namespace Portal.Inference.Synthetic;

/// <summary>
/// Everything that stays the same across one person's photos. The age and gender cues live here:
/// hair colour and greyness, wrinkles, hair style and length, beard, earrings, brows and lips.
/// </summary>
internal sealed class PersonLook
{
    private const ulong StreamBase = 0x5045_5253_0000_0000UL; // "PERS"

    public required Gender Gender { get; init; }
    public required AgeGroup Age { get; init; }

    /// <summary>Half the face's width and height in reference pixels (the image is 384x512).</summary>
    public required float HalfWidth { get; init; }
    public required float HalfHeight { get; init; }

    /// <summary>How square the jaw is (0.45 pointed .. 0.85 square).</summary>
    public required float Jaw { get; init; }

    public required SKColor Skin { get; init; }
    public required SKColor Hair { get; init; }
    public required SKColor HairStreak { get; init; }
    public required int StreakCount { get; init; }
    public required HairStyle Style { get; init; }

    /// <summary>Where long hair ends, in face half-heights below the face centre.</summary>
    public required float HairLength { get; init; }
    public required float HairlineHeight { get; init; }
    public required float Parting { get; init; }
    public required bool Fringe { get; init; }
    public required bool EarsVisible { get; init; }
    public required SKColor? Earring { get; init; }
    public required bool HoopEarrings { get; init; }

    /// <summary>Opacity of stubble or beard; 0 for none.</summary>
    public required float Beard { get; init; }
    public required SKColor Brow { get; init; }
    public required float BrowThickness { get; init; }
    public required SKColor Lips { get; init; }
    public required float LipFullness { get; init; }
    public required SKColor Iris { get; init; }
    public required float EyeOpen { get; init; }
    public required bool Lashes { get; init; }
    public required int ForeheadLines { get; init; }
    public required float WrinkleStrength { get; init; }
    public required int CrowFeet { get; init; }
    public required bool Folds { get; init; }
    public required SKColor? Glasses { get; init; }
    public required SKColor Background { get; init; }
    public required SKColor Clothes { get; init; }

    /// <summary>Seeds the fine texture (beard stubble) so it stays the same across the person's photos.</summary>
    public required ulong TextureSeed { get; init; }

    public static PersonLook Create(ulong seed, int person, Gender gender, AgeGroup age)
    {
        var r = DeterministicRandom.ForStream(seed, StreamBase + (ulong)person);
        var female = gender == Gender.Female;

        // Draw every value in a fixed order, whatever the person's attributes, so that one trait's rule
        // does not shift the others.
        var halfWidth = female ? r.Range(84f, 97f) : r.Range(89f, 102f);
        var aspect = r.Range(1.24f, 1.38f);
        var jaw = female ? r.Range(0.45f, 0.66f) : r.Range(0.6f, 0.85f);
        var skin = Colors.SkinTones[r.NextInt(Colors.SkinTones.Length)];
        skin = Colors.Scale(skin, r.Range(0.95f, 1.04f));

        var youngHair = Colors.HairColors[r.Pick(Colors.YoungHairWeights)];
        var middleHair = Colors.HairColors[r.Pick(Colors.MiddleHairWeights)];
        var greyRoll = (float)r.NextDouble();
        var grey = new SKColor(196, 196, 192);
        var white = new SKColor(236, 236, 232);
        SKColor hair;
        SKColor streak;
        int streaks;
        var streakRoll = r.NextInt(6);
        switch (age)
        {
            case AgeGroup.Under30:
                hair = youngHair;
                streak = Colors.Lerp(youngHair, Colors.Scale(youngHair, 1.35f), 0.8f);
                streaks = 0;
                break;
            case AgeGroup.From30To59:
                // Mostly dark hair with some grey mixed in and visible grey streaks.
                hair = Colors.Lerp(middleHair, grey, 0.06f + 0.34f * greyRoll);
                streak = Colors.Lerp(grey, white, 0.3f);
                streaks = 3 + streakRoll;
                break;
            default:
                hair = Colors.Lerp(Colors.Lerp(middleHair, grey, 0.55f + 0.45f * greyRoll), white, 0.6f * greyRoll);
                streak = white;
                streaks = 5 + streakRoll;
                break;
        }

        var styleRoll = r.NextDouble();
        HairStyle style;
        if (female)
        {
            var (longP, bobP) = age == AgeGroup.Over60 ? (0.45, 0.3) : (0.78, 0.12);
            style = styleRoll < longP ? HairStyle.Long : styleRoll < longP + bobP ? HairStyle.Bob : HairStyle.Pixie;
        }
        else
        {
            var (balding, receding) = age switch
            {
                AgeGroup.Over60 => (0.35, 0.3),
                AgeGroup.From30To59 => (0.08, 0.3),
                _ => (0.0, 0.04),
            };
            style = styleRoll < balding ? HairStyle.Balding
                : styleRoll < balding + receding ? HairStyle.Receding
                : styleRoll < balding + receding + 0.08 ? HairStyle.Bob
                : HairStyle.Short;
        }

        var longLength = r.Range(1.25f, 2.0f);
        var bobLength = female ? r.Range(0.55f, 0.95f) : r.Range(0.3f, 0.6f);
        var hairLength = style switch
        {
            HairStyle.Long => longLength,
            HairStyle.Bob => bobLength,
            _ => 0f,
        };
        var hairline = r.Range(0.58f, 0.72f);
        var parting = r.Range(-0.45f, 0.45f);
        var fringe = r.Chance(female ? 0.3 : 0.15);
        var tucked = r.Chance(0.35);
        var earsVisible = style is not (HairStyle.Long or HairStyle.Bob) || tucked;
        var hasEarring = r.Chance(female ? 0.6 : 0.05);
        var earringColor = r.Chance(0.6) ? new SKColor(222, 184, 74) : new SKColor(206, 210, 218);
        var hoops = r.Chance(0.4);

        var beardRoll = r.NextDouble();
        var beardOpacity = beardRoll < 0.3 ? r.Range(0.22f, 0.45f) : beardRoll < 0.42 ? r.Range(0.6f, 0.85f) : 0f;
        if (female)
        {
            beardOpacity = 0f;
        }

        var browThickness = female ? r.Range(0.035f, 0.05f) : r.Range(0.06f, 0.085f);
        var lipstick = Colors.LipstickColors[r.NextInt(Colors.LipstickColors.Length)];
        var wearsLipstick = r.Chance(0.55);
        var naturalLips = Colors.Lerp(Colors.Scale(skin, 0.8f), new SKColor(170, 70, 70), 0.35f);
        var lips = female && wearsLipstick ? lipstick : naturalLips;
        var lipFullness = female ? r.Range(1.0f, 1.3f) : r.Range(0.8f, 1.05f);
        var iris = Colors.EyeColors[r.NextInt(Colors.EyeColors.Length)];
        var eyeOpen = r.Range(0.9f, 1.1f) * (age == AgeGroup.Over60 ? 0.82f : 1f);

        var lineRoll = r.NextInt(3);
        var (foreheadLines, wrinkle, crowFeet, folds) = age switch
        {
            AgeGroup.Under30 => (lineRoll == 0 ? 1 : 0, r.Range(0.1f, 0.2f), 0, false),
            AgeGroup.From30To59 => (1 + lineRoll % 2, r.Range(0.3f, 0.5f), lineRoll == 2 ? 2 : 0, lineRoll != 0),
            _ => (2 + lineRoll, r.Range(0.5f, 0.7f), 3, true),
        };

        var glasses = r.Chance(age == AgeGroup.Under30 ? 0.08 : 0.18)
            ? (r.Chance(0.6) ? new SKColor(34, 30, 30) : new SKColor(150, 120, 70))
            : (SKColor?)null;
        var background = Colors.FromHsv(r.Range(0f, 360f), r.Range(0.05f, 0.4f), r.Range(0.45f, 0.92f));
        var clothes = Colors.FromHsv(r.Range(0f, 360f), r.Range(0.1f, 0.75f), r.Range(0.2f, 0.85f));
        var textureSeed = r.NextUInt64();

        return new PersonLook
        {
            Gender = gender,
            Age = age,
            HalfWidth = halfWidth,
            HalfHeight = halfWidth * aspect,
            Jaw = jaw,
            Skin = skin,
            Hair = hair,
            HairStreak = streak,
            StreakCount = streaks,
            Style = style,
            HairLength = hairLength,
            HairlineHeight = style == HairStyle.Receding ? hairline + 0.12f : hairline,
            Parting = parting,
            Fringe = fringe && style is not (HairStyle.Balding or HairStyle.Receding),
            EarsVisible = earsVisible,
            Earring = hasEarring && earsVisible ? earringColor : null,
            HoopEarrings = hoops,
            Beard = beardOpacity,
            Brow = Colors.Lerp(Colors.Scale(hair, 0.8f), hair, age == AgeGroup.Over60 ? 0.7f : 0.2f),
            BrowThickness = browThickness,
            Lips = lips,
            LipFullness = lipFullness,
            Iris = iris,
            EyeOpen = eyeOpen,
            Lashes = female,
            ForeheadLines = foreheadLines,
            WrinkleStrength = wrinkle,
            CrowFeet = crowFeet,
            Folds = folds,
            Glasses = glasses,
            Background = background,
            Clothes = clothes,
            TextureSeed = textureSeed,
        };
    }
}
