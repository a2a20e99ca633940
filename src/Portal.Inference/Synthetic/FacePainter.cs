using Portal.Core.Randomness;
using SkiaSharp;

namespace Portal.Inference.Synthetic;

/// <summary>
/// Draws one stylised head-and-shoulders photo. Everything is drawn in a 384x512 reference frame that is
/// scaled to the output size; the face itself is drawn in face coordinates: origin at the face centre,
/// x in [-W, W], y in [-H, H] (chin at +H), where W and H are the person's half face width and height.
/// </summary>
internal sealed class FacePainter
{
    public const float ReferenceWidth = 384f;
    public const float ReferenceHeight = 512f;

    private const float FaceCentreX = 192f;
    private const float FaceCentreY = 232f;
    private const float EyeX = 0.36f;
    private const float EyeY = -0.1f;
    private const float MouthY = 0.45f;

    private readonly SKCanvas _canvas;
    private readonly PersonLook _look;
    private readonly ShotSetup _shot;
    private readonly float _w;
    private readonly float _h;

    private FacePainter(SKCanvas canvas, PersonLook look, ShotSetup shot)
    {
        _canvas = canvas;
        _look = look;
        _shot = shot;
        _w = look.HalfWidth;
        _h = look.HalfHeight;
    }

    /// <summary>
    /// Draws clutter and the person over a bitmap whose background is already filled; blur, light and noise
    /// come afterwards (<see cref="ImageFinish"/>).
    /// </summary>
    public static void Paint(SKCanvas canvas, int width, int height, PersonLook look, ShotSetup shot, MaskState mask)
    {
        var painter = new FacePainter(canvas, look, shot);
        var fit = Math.Min(width / ReferenceWidth, height / ReferenceHeight);

        canvas.Save();
        canvas.Scale(width / ReferenceWidth, height / ReferenceHeight);
        painter.DrawClutter();
        canvas.Restore();

        canvas.Save();
        canvas.Translate(width / 2f, height / 2f);
        canvas.Scale(fit);
        canvas.Translate(FaceCentreX - ReferenceWidth / 2f + shot.OffsetX, FaceCentreY - ReferenceHeight / 2f + shot.OffsetY);
        canvas.RotateDegrees(shot.Rotation);
        canvas.Scale(shot.Scale);
        painter.DrawPerson(mask);
        canvas.Restore();
    }

    private void DrawPerson(MaskState mask)
    {
        using var face = FacePath();
        DrawHairBack();
        DrawNeckAndTorso();
        DrawEars();
        DrawFace(face);
        DrawWrinkles();
        DrawBeard(face);
        DrawEyes();
        DrawBrows();
        DrawNose();
        DrawMouth();
        if (mask != MaskState.NotWear)
        {
            DrawMask(mask);
        }

        DrawEarrings();
        DrawHairFront();
        DrawGlasses();
    }

    private void DrawClutter()
    {
        // Furniture, door frames, posters: a few opaque rectangles so the background is not a plain gradient.
        var r = new DeterministicRandom(_shot.ClutterSeed);
        for (var i = 0; i < _shot.Clutter; i++)
        {
            var x = r.Range(-60f, ReferenceWidth);
            var y = r.Range(-60f, ReferenceHeight * 0.7f);
            var w = r.Range(30f, 200f);
            var h = r.Range(40f, 360f);
            var color = Colors.Lerp(_shot.BackgroundTop, Colors.Scale(_shot.BackgroundTop, r.Range(0.65f, 1.3f)), r.Range(0.4f, 0.9f));
            using var paint = new SKPaint { Color = color, IsAntialias = true };
            _canvas.DrawRoundRect(x, y, w, h, 6f, 6f, paint);
        }
    }

    private SKPath FacePath()
    {
        var (w, h, j) = (_w, _h, _look.Jaw);
        using var p = new SKPathBuilder();
        p.MoveTo(0, -h);
        p.CubicTo(0.56f * w, -h, w, -0.6f * h, w, -0.05f * h);
        p.CubicTo(w, 0.5f * h, j * w, h, 0, h);
        p.CubicTo(-j * w, h, -w, 0.5f * h, -w, -0.05f * h);
        p.CubicTo(-w, -0.6f * h, -0.56f * w, -h, 0, -h);
        p.Close();
        return p.Detach();
    }

    /// <summary>Half the face's width at height <paramref name="y"/> (face coordinates), for fitting the mask.</summary>
    private float FaceHalfWidthAt(float y)
    {
        if (y <= -0.05f * _h)
        {
            return _w;
        }

        // Lower face edge: cubic from (W, -0.05H) through (W, 0.5H), (J*W, H) to (0, H); sample it.
        var best = 0f;
        for (var i = 0; i <= 64; i++)
        {
            var t = i / 64f;
            var u = 1 - t;
            var py = u * u * u * (-0.05f * _h) + 3 * u * u * t * (0.5f * _h) + 3 * u * t * t * _h + t * t * t * _h;
            if (py <= y)
            {
                best = u * u * u * _w + 3 * u * u * t * _w + 3 * u * t * t * (_look.Jaw * _w);
            }
        }

        return best;
    }

    private void DrawHairBack()
    {
        if (_look.Style is not (HairStyle.Long or HairStyle.Bob))
        {
            return;
        }

        var (w, h) = (_w, _h);
        var length = _look.HairLength * h;
        var side = (_look.Style == HairStyle.Long ? 1.3f : 1.2f) * w;
        using var p = new SKPathBuilder();
        p.MoveTo(-1.08f * w, -0.3f * h);
        p.CubicTo(-1.16f * w, -1.4f * h, 1.16f * w, -1.4f * h, 1.08f * w, -0.3f * h);
        p.CubicTo(1.18f * w, 0.2f * h, side, length - 0.4f * h, side * 0.97f, length);
        p.QuadTo(0, length + 0.1f * h, -side * 0.97f, length);
        p.CubicTo(-side, length - 0.4f * h, -1.18f * w, 0.2f * h, -1.08f * w, -0.3f * h);
        p.Close();
        Fill(p, Colors.Scale(_look.Hair, 0.8f));
    }

    private void DrawNeckAndTorso()
    {
        var (w, h) = (_w, _h);
        using (var shader = SKShader.CreateLinearGradient(
                   new SKPoint(0, 0.8f * h), new SKPoint(0, 1.4f * h),
                   [Colors.Scale(_look.Skin, 0.62f), Colors.Scale(_look.Skin, 0.9f)], SKShaderTileMode.Clamp))
        {
            using var paint = new SKPaint { Shader = shader, IsAntialias = true };
            _canvas.DrawRect(-0.42f * w, 0.4f * h, 0.84f * w, 1.6f * h, paint);
        }

        using var torso = new SKPathBuilder();
        torso.MoveTo(-2.6f * w, 3.4f * h);
        torso.LineTo(-2.6f * w, 1.95f * h);
        torso.CubicTo(-2.4f * w, 1.45f * h, -1.1f * w, 1.38f * h, -0.5f * w, 1.32f * h);
        torso.QuadTo(0, 1.82f * h, 0.5f * w, 1.32f * h);
        torso.CubicTo(1.1f * w, 1.38f * h, 2.4f * w, 1.45f * h, 2.6f * w, 1.95f * h);
        torso.LineTo(2.6f * w, 3.4f * h);
        torso.Close();
        // Solid: a gradient over this much of the image costs more than the face, and the light pass shades it.
        Fill(torso, _look.Clothes);

        using var collar = new SKPathBuilder();
        collar.MoveTo(-0.5f * w, 1.32f * h);
        collar.QuadTo(0, 1.82f * h, 0.5f * w, 1.32f * h);
        Stroke(collar, Colors.Scale(_look.Clothes, 0.6f), 0.05f * w);
    }

    private void DrawEars()
    {
        var (w, h) = (_w, _h);
        var ear = Colors.Scale(_look.Skin, 0.9f);
        foreach (var s in (ReadOnlySpan<float>)[-1f, 1f])
        {
            using var paint = new SKPaint { Color = ear, IsAntialias = true };
            _canvas.DrawOval(s * 0.98f * w, -0.02f * h, 0.13f * w, 0.2f * h, paint);
            using var inner = new SKPathBuilder();
            inner.MoveTo(s * 1.0f * w, -0.14f * h);
            inner.QuadTo(s * 1.08f * w, -0.02f * h, s * 1.0f * w, 0.1f * h);
            Stroke(inner, Colors.WithAlpha(Colors.Scale(_look.Skin, 0.62f), 0.7f), 0.025f * w);
        }
    }

    private void DrawFace(SKPath face)
    {
        var (w, h) = (_w, _h);
        using (var shader = SKShader.CreateRadialGradient(
                   new SKPoint(-0.15f * w, -0.25f * h), 1.35f * h,
                   [Colors.Scale(_look.Skin, 1.06f), _look.Skin, Colors.Scale(_look.Skin, 0.8f)], [0f, 0.55f, 1f], SKShaderTileMode.Clamp))
        {
            using var paint = new SKPaint { Shader = shader, IsAntialias = true };
            _canvas.DrawPath(face, paint);
        }

        if (_look.Gender == Gender.Female)
        {
            foreach (var s in (ReadOnlySpan<float>)[-1f, 1f])
            {
                using var shader = SKShader.CreateRadialGradient(
                    new SKPoint(s * 0.5f * w, 0.12f * h), 0.26f * w,
                    [new SKColor(226, 96, 96, 52), new SKColor(226, 96, 96, 0)], SKShaderTileMode.Clamp);
                using var paint = new SKPaint { Shader = shader, IsAntialias = true };
                _canvas.DrawCircle(s * 0.5f * w, 0.12f * h, 0.26f * w, paint);
            }
        }
    }

    private void DrawWrinkles()
    {
        var (w, h) = (_w, _h);
        var line = Colors.WithAlpha(Colors.Scale(_look.Skin, 0.55f), _look.WrinkleStrength);
        for (var k = 0; k < _look.ForeheadLines; k++)
        {
            var y = -(0.41f + 0.075f * k) * h;
            var half = (0.34f - 0.03f * k) * w;
            using var p = new SKPathBuilder();
            p.MoveTo(-half, y);
            p.CubicTo(-0.35f * half, y - 0.03f * h, 0.35f * half, y + 0.02f * h, half, y - 0.01f * h);
            Stroke(p, line, 0.03f * w);
        }

        foreach (var s in (ReadOnlySpan<float>)[-1f, 1f])
        {
            var cornerX = s * (EyeX + 0.2f) * w;
            var cornerY = EyeY * h;
            for (var k = 0; k < _look.CrowFeet; k++)
            {
                using var p = new SKPathBuilder();
                p.MoveTo(cornerX, cornerY + (k - 1) * 0.02f * h);
                p.LineTo(cornerX + s * 0.13f * w, cornerY + (k - 1) * 0.07f * h);
                Stroke(p, line, 0.022f * w);
            }

            if (_look.Age == AgeGroup.Over60)
            {
                using var bag = new SKPathBuilder();
                var cx = s * EyeX * w;
                bag.MoveTo(cx - 0.13f * w, EyeY * h + 0.1f * w);
                bag.QuadTo(cx, EyeY * h + 0.19f * w, cx + 0.14f * w, EyeY * h + 0.09f * w);
                Stroke(bag, line, 0.025f * w);

                using var jowl = new SKPathBuilder();
                jowl.MoveTo(s * 0.31f * w, 0.5f * h);
                jowl.QuadTo(s * 0.36f * w, 0.6f * h, s * 0.33f * w, 0.7f * h);
                Stroke(jowl, line, 0.025f * w);
            }

            if (_look.Folds)
            {
                using var fold = new SKPathBuilder();
                fold.MoveTo(s * 0.17f * w, 0.2f * h);
                fold.QuadTo(s * 0.34f * w, 0.32f * h, s * 0.36f * w, 0.53f * h);
                Stroke(fold, line, 0.03f * w);
            }
        }
    }

    private void DrawBeard(SKPath face)
    {
        if (_look.Beard <= 0f)
        {
            return;
        }

        // Cheeks below the sideburns, round the mouth, a moustache under the nose; soft edges and
        // stippled hairs so that it reads as a beard, not as a mask.
        var (w, h) = (_w, _h);
        using var builder = new SKPathBuilder();
        builder.MoveTo(-1.1f * w, 0.12f * h);
        builder.LineTo(-0.93f * w, 0.12f * h);
        builder.CubicTo(-0.8f * w, 0.4f * h, -0.55f * w, 0.52f * h, -0.42f * w, 0.5f * h);
        builder.CubicTo(-0.4f * w, 0.38f * h, -0.25f * w, 0.31f * h, -0.08f * w, 0.3f * h);
        builder.LineTo(0.08f * w, 0.3f * h);
        builder.CubicTo(0.25f * w, 0.31f * h, 0.4f * w, 0.38f * h, 0.42f * w, 0.5f * h);
        builder.CubicTo(0.55f * w, 0.52f * h, 0.8f * w, 0.4f * h, 0.93f * w, 0.12f * h);
        builder.LineTo(1.1f * w, 0.12f * h);
        builder.LineTo(1.1f * w, 1.2f * h);
        builder.LineTo(-1.1f * w, 1.2f * h);
        builder.Close();
        using var beard = builder.Detach();
        var color = Colors.Scale(_look.Hair, 0.85f);

        _canvas.Save();
        _canvas.ClipPath(face, SKClipOperation.Intersect, true);
        using (var soft = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 0.03f * w))
        using (var paint = new SKPaint { Color = Colors.WithAlpha(color, _look.Beard * 0.75f), MaskFilter = soft, IsAntialias = true })
        {
            _canvas.DrawPath(beard, paint);
        }

        _canvas.ClipPath(beard, SKClipOperation.Intersect, true);
        var random = new DeterministicRandom(_look.TextureSeed);
        var hairs = new SKPoint[900];
        for (var i = 0; i < hairs.Length; i += 2)
        {
            var x = random.Range(-w, w);
            var y = random.Range(0.1f * h, 1.05f * h);
            hairs[i] = new SKPoint(x, y);
            hairs[i + 1] = new SKPoint(x + random.Range(-0.01f, 0.01f) * w, y + 0.03f * w);
        }

        using (var paint = new SKPaint
               {
                   Color = Colors.WithAlpha(Colors.Scale(color, 0.8f), Math.Min(1f, _look.Beard + 0.2f)),
                   StrokeWidth = 0.014f * w,
                   StrokeCap = SKStrokeCap.Round,
                   IsAntialias = true,
               })
        {
            _canvas.DrawPoints(SKPointMode.Lines, hairs, paint);
        }

        _canvas.Restore();
    }

    private void DrawEyes()
    {
        var (w, h) = (_w, _h);
        var ew = 0.17f * w;
        var eh = 0.075f * w * _look.EyeOpen;
        foreach (var s in (ReadOnlySpan<float>)[-1f, 1f])
        {
            var cx = s * EyeX * w;
            var cy = EyeY * h;
            using var eye = new SKPathBuilder();
            eye.MoveTo(cx - ew, cy);
            eye.CubicTo(cx - 0.5f * ew, cy - 1.3f * eh, cx + 0.5f * ew, cy - 1.3f * eh, cx + ew, cy);
            eye.CubicTo(cx + 0.5f * ew, cy + 1.1f * eh, cx - 0.5f * ew, cy + 1.1f * eh, cx - ew, cy);
            eye.Close();
            using var eyePath = eye.Detach();
            Fill(eyePath, new SKColor(244, 240, 236));

            _canvas.Save();
            _canvas.ClipPath(eyePath, SKClipOperation.Intersect, true);
            var ix = cx + _shot.GazeX * 0.07f * w;
            var iy = cy + _shot.GazeY * 0.03f * w;
            using (var paint = new SKPaint { Color = _look.Iris, IsAntialias = true })
            {
                _canvas.DrawCircle(ix, iy, 0.075f * w, paint);
                paint.Color = new SKColor(18, 14, 14);
                _canvas.DrawCircle(ix, iy, 0.035f * w, paint);
                paint.Color = SKColors.White.WithAlpha(200);
                _canvas.DrawCircle(ix + 0.022f * w, iy - 0.022f * w, 0.016f * w, paint);
            }

            _canvas.Restore();

            using var lid = new SKPathBuilder();
            lid.MoveTo(cx - ew, cy);
            lid.CubicTo(cx - 0.5f * ew, cy - 1.3f * eh, cx + 0.5f * ew, cy - 1.3f * eh, cx + ew, cy);
            if (_look.Lashes)
            {
                // A small flick at the outer corner reads as eyeliner and lashes.
                lid.MoveTo(cx + s * ew, cy);
                lid.LineTo(cx + s * (ew + 0.06f * w), cy - 0.7f * eh);
            }

            Stroke(lid, new SKColor(34, 24, 22), (_look.Lashes ? 0.042f : 0.026f) * w);

            using var crease = new SKPathBuilder();
            crease.MoveTo(cx - 0.85f * ew, cy - 1.2f * eh);
            crease.QuadTo(cx, cy - 2.4f * eh, cx + 0.85f * ew, cy - 1.2f * eh);
            Stroke(crease, Colors.WithAlpha(Colors.Scale(_look.Skin, 0.6f), 0.45f), 0.016f * w);
        }
    }

    private void DrawBrows()
    {
        var (w, h) = (_w, _h);
        var female = _look.Gender == Gender.Female;
        foreach (var s in (ReadOnlySpan<float>)[-1f, 1f])
        {
            using var brow = new SKPathBuilder();
            brow.MoveTo(s * 0.16f * w, -0.24f * h);
            brow.QuadTo(s * 0.36f * w, (female ? -0.335f : -0.305f) * h, s * 0.58f * w, -0.255f * h);
            Stroke(brow, _look.Brow, _look.BrowThickness * w);
        }
    }

    private void DrawNose()
    {
        var (w, h) = (_w, _h);
        var shade = Colors.Scale(_look.Skin, 0.6f);
        using var side = new SKPathBuilder();
        side.MoveTo(-0.07f * w, -0.05f * h);
        side.CubicTo(-0.09f * w, 0.05f * h, -0.13f * w, 0.12f * h, -0.13f * w, 0.17f * h);
        Stroke(side, Colors.WithAlpha(shade, 0.5f), 0.022f * w);

        using var tip = new SKPathBuilder();
        tip.MoveTo(-0.17f * w, 0.17f * h);
        tip.QuadTo(0, 0.27f * h, 0.17f * w, 0.17f * h);
        Stroke(tip, Colors.WithAlpha(shade, 0.45f), 0.028f * w);

        using var paint = new SKPaint { Color = Colors.Scale(_look.Skin, 0.4f), IsAntialias = true };
        _canvas.DrawOval(-0.075f * w, 0.2f * h, 0.04f * w, 0.02f * w, paint);
        _canvas.DrawOval(0.075f * w, 0.2f * h, 0.04f * w, 0.02f * w, paint);
        paint.Color = SKColors.White.WithAlpha(40);
        _canvas.DrawCircle(0.01f * w, 0.13f * h, 0.05f * w, paint);
    }

    private void DrawMouth()
    {
        var (w, h) = (_w, _h);
        var y0 = MouthY * h;
        var mw = (_look.Gender == Gender.Female ? 0.27f : 0.3f) * w;
        var f = _look.LipFullness;
        var corner = y0 - _shot.Smile * 0.04f * h;
        var middle = y0 + _shot.Smile * 0.015f * h;

        using var upper = new SKPathBuilder();
        upper.MoveTo(-mw, corner);
        upper.CubicTo(-0.5f * mw, y0 - 0.065f * h * f, -0.15f * mw, y0 - 0.075f * h * f, 0, y0 - 0.05f * h * f);
        upper.CubicTo(0.15f * mw, y0 - 0.075f * h * f, 0.5f * mw, y0 - 0.065f * h * f, mw, corner);
        upper.CubicTo(0.5f * mw, middle, -0.5f * mw, middle, -mw, corner);
        upper.Close();
        Fill(upper, Colors.Scale(_look.Lips, 0.9f));

        using var lower = new SKPathBuilder();
        lower.MoveTo(-mw, corner);
        lower.CubicTo(-0.5f * mw, middle, 0.5f * mw, middle, mw, corner);
        lower.CubicTo(0.6f * mw, y0 + 0.1f * h * f, -0.6f * mw, y0 + 0.1f * h * f, -mw, corner);
        lower.Close();
        Fill(lower, _look.Lips);

        using var line = new SKPathBuilder();
        line.MoveTo(-mw, corner);
        line.CubicTo(-0.5f * mw, middle, 0.5f * mw, middle, mw, corner);
        Stroke(line, Colors.Scale(_look.Lips, 0.45f), 0.022f * w);
    }

    private void DrawMask(MaskState state)
    {
        var (w, h) = (_w, _h);
        var cloth = _shot.ClothMask;
        // Worn: from the nose bridge to under the chin. Incorrect: just below the nose, or down on the chin.
        var (top, bottom, peak) = state switch
        {
            MaskState.Wear => (0.02f * h, 1.07f * h, 0.09f * h),
            _ when _shot.OnChin => (0.66f * h, 1.15f * h, 0.03f * h),
            _ => (0.3f * h, 1.11f * h, 0.05f * h),
        };

        // As wide as the face, leaving the ears free.
        var topHalf = FaceHalfWidthAt(top) * 0.98f + 0.01f * w;
        var middleY = top + (bottom - top) * 0.5f;
        var middleHalf = FaceHalfWidthAt(Math.Min(middleY, 0.9f * h)) * 1.04f + 0.02f * w;
        var bottomHalf = (cloth ? 0.28f : 0.46f) * w;

        using var builder = new SKPathBuilder();
        builder.MoveTo(-topHalf, top);
        builder.CubicTo(-0.3f * w, top, -0.18f * w, top - peak, 0, top - peak);
        builder.CubicTo(0.18f * w, top - peak, 0.3f * w, top, topHalf, top);
        builder.CubicTo(topHalf + 0.03f * w, middleY, middleHalf, bottom - 0.15f * h, bottomHalf, bottom);
        builder.QuadTo(0, bottom + (cloth ? 0.13f : 0.06f) * h, -bottomHalf, bottom);
        builder.CubicTo(-middleHalf, bottom - 0.15f * h, -topHalf - 0.03f * w, middleY, -topHalf, top);
        builder.Close();
        using var maskPath = builder.Detach();

        // Ear loops run from the mask's corners to the ears; a lowered mask pulls them into long diagonals.
        var loopColor = cloth ? Colors.Scale(_shot.MaskColor, 0.85f) : new SKColor(236, 238, 240);
        foreach (var s in (ReadOnlySpan<float>)[-1f, 1f])
        {
            using var loop = new SKPathBuilder();
            loop.MoveTo(s * topHalf * 0.98f, top + 0.03f * h);
            loop.QuadTo(s * 1.02f * w, Math.Min(top, -0.1f * h), s * 1.0f * w, -0.12f * h);
            loop.MoveTo(s * middleHalf * 0.95f, bottom - 0.22f * h);
            loop.QuadTo(s * 1.08f * w, Math.Min(bottom - 0.3f * h, 0.3f * h), s * 1.0f * w, 0.14f * h);
            Stroke(loop, Colors.Scale(loopColor, 0.92f), 0.03f * w);
        }

        // A hard-edged shadow: the camera blur softens it, and a blurred mask filter would cost a millisecond.
        _canvas.Save();
        _canvas.Translate(0.02f * w, 0.03f * h);
        Fill(maskPath, new SKColor(0, 0, 0, 60));
        _canvas.Restore();

        var color = _shot.MaskColor;
        using (var shader = SKShader.CreateLinearGradient(
                   new SKPoint(0, top - peak), new SKPoint(0, bottom),
                   [Colors.Scale(color, 1.05f), color, Colors.Scale(color, 0.8f)], [0f, 0.45f, 1f], SKShaderTileMode.Clamp))
        {
            using var paint = new SKPaint { Shader = shader, IsAntialias = true };
            _canvas.DrawPath(maskPath, paint);
        }

        _canvas.Save();
        _canvas.ClipPath(maskPath, SKClipOperation.Intersect, true);
        DrawMaskPattern(top - peak, bottom, topHalf);
        _canvas.Restore();

        Stroke(maskPath, Colors.WithAlpha(Colors.Scale(color, 0.55f), 0.7f), 0.018f * w);
        if (!cloth)
        {
            // The nose wire along the top edge.
            using var wire = new SKPathBuilder();
            wire.MoveTo(-0.3f * w, top - 0.02f * h);
            wire.CubicTo(-0.18f * w, top - peak + 0.01f * h, 0.18f * w, top - peak + 0.01f * h, 0.3f * w, top - 0.02f * h);
            Stroke(wire, Colors.WithAlpha(Colors.Scale(color, 0.7f), 0.8f), 0.025f * w);
        }
    }

    private void DrawMaskPattern(float top, float bottom, float half)
    {
        // Each pattern is one path and one draw call.
        var (w, h) = (_w, _h);
        var second = _shot.MaskSecondColor;
        using var pattern = new SKPathBuilder();
        switch (_shot.Pattern)
        {
            case MaskPattern.Pleats:
                for (var k = 1; k <= 3; k++)
                {
                    var y = top + (bottom - top) * (0.22f + 0.2f * k);
                    pattern.MoveTo(-1.2f * half, y - 0.02f * h);
                    pattern.QuadTo(0, y + 0.03f * h, 1.2f * half, y - 0.02f * h);
                }

                Stroke(pattern, new SKColor(0, 0, 0, 70), 0.03f * w);
                _canvas.Save();
                _canvas.Translate(0, 0.03f * w);
                Stroke(pattern, new SKColor(255, 255, 255, 60), 0.02f * w);
                _canvas.Restore();
                break;
            case MaskPattern.Stripes:
                for (var x = -2.2f * w; x < 2.2f * w; x += 0.2f * w)
                {
                    pattern.MoveTo(x, top);
                    pattern.LineTo(x + 0.6f * (bottom - top), bottom);
                }

                Stroke(pattern, Colors.WithAlpha(second, 0.85f), 0.07f * w);
                break;
            case MaskPattern.Dots:
            {
                var row = 0;
                for (var y = top; y < bottom; y += 0.15f * w, row++)
                {
                    for (var x = -1.3f * w + (row % 2) * 0.08f * w; x < 1.3f * w; x += 0.16f * w)
                    {
                        pattern.AddCircle(x, y, 0.035f * w, SKPathDirection.Clockwise);
                    }
                }

                Fill(pattern, Colors.WithAlpha(second, 0.9f));
                break;
            }

            case MaskPattern.Checks:
            {
                var size = 0.17f * w;
                var row = 0;
                for (var y = top; y < bottom; y += size, row++)
                {
                    for (var x = -1.4f * w + (row % 2) * size; x < 1.4f * w; x += 2 * size)
                    {
                        pattern.AddRect(SKRect.Create(x, y, size, size), SKPathDirection.Clockwise);
                    }
                }

                Fill(pattern, Colors.WithAlpha(second, 0.55f));
                break;
            }

            default:
                // A plain cloth mask: a centre seam.
                pattern.MoveTo(0, top);
                pattern.QuadTo(0.03f * w, (top + bottom) / 2, 0, bottom + 0.1f * h);
                Stroke(pattern, new SKColor(0, 0, 0, 60), 0.02f * w);
                break;
        }
    }

    private void DrawHairFront()
    {
        var (w, h) = (_w, _h);
        var hair = _look.Hair;
        using var region = new SKPathBuilder();
        if (_look.Style == HairStyle.Balding)
        {
            foreach (var s in (ReadOnlySpan<float>)[-1f, 1f])
            {
                region.MoveTo(s * 1.03f * w, 0.02f * h);
                region.LineTo(s * 1.07f * w, -0.45f * h);
                region.CubicTo(s * 1.07f * w, -0.72f * h, s * 0.96f * w, -0.86f * h, s * 0.8f * w, -0.9f * h);
                region.CubicTo(s * 0.86f * w, -0.7f * h, s * 0.9f * w, -0.5f * h, s * 0.91f * w, 0.02f * h);
                region.Close();
            }

            // Thin hair across the crown.
            using var crown = new SKPathBuilder();
            crown.MoveTo(-0.85f * w, -0.82f * h);
            crown.CubicTo(-0.6f * w, -1.08f * h, 0.6f * w, -1.08f * h, 0.85f * w, -0.82f * h);
            crown.CubicTo(0.5f * w, -0.95f * h, -0.5f * w, -0.95f * h, -0.85f * w, -0.82f * h);
            Fill(crown, Colors.WithAlpha(hair, 0.35f));
        }
        else
        {
            AddCap(region);
            if (_look.Style is HairStyle.Long or HairStyle.Bob)
            {
                AddCurtains(region);
            }
        }

        using var regionPath = region.Detach();
        Fill(regionPath, hair);
        _canvas.Save();
        _canvas.ClipPath(regionPath, SKClipOperation.Intersect, true);
        DrawStrands();
        _canvas.Restore();
    }

    private void AddCap(SKPathBuilder p)
    {
        var (w, h) = (_w, _h);
        var full = _look.Style is HairStyle.Long or HairStyle.Bob or HairStyle.Pixie;
        var volume = (full ? 1.13f : 1.07f) * w;
        var crownY = (full ? -1.42f : -1.34f) * h;
        var sideburn = _look.Style == HairStyle.Pixie ? 0.08f * h : full ? -0.3f * h : 0.02f * h;
        var hairline = -_look.HairlineHeight * h;
        var parting = _look.Parting * w;
        var temple = _look.Style == HairStyle.Receding ? -0.56f * h : -0.4f * h;

        var sideX = _look.Style is HairStyle.Long or HairStyle.Bob ? volume : 1.03f * w;
        p.MoveTo(-sideX, sideburn);
        p.LineTo(-volume, -0.45f * h);
        p.CubicTo(-volume * 1.05f, crownY, volume * 1.05f, crownY, volume, -0.45f * h);
        p.LineTo(sideX, sideburn);
        p.LineTo(0.9f * w, sideburn);
        p.LineTo(0.88f * w, temple);
        if (_look.Fringe)
        {
            // Bangs: a low, slightly ragged edge across the forehead.
            var edge = -0.4f * h;
            p.CubicTo(0.7f * w, edge + 0.02f * h, 0.5f * w, edge - 0.02f * h, 0.3f * w, edge + 0.03f * h);
            p.LineTo(0.18f * w, edge - 0.03f * h);
            p.CubicTo(0.05f * w, edge + 0.03f * h, -0.3f * w, edge - 0.02f * h, -0.45f * w, edge + 0.02f * h);
            p.CubicTo(-0.6f * w, edge - 0.03f * h, -0.8f * w, edge, -0.88f * w, temple);
        }
        else
        {
            p.CubicTo(0.75f * w, hairline - 0.02f * h, parting + 0.3f * w, hairline + 0.02f * h, parting, hairline - 0.05f * h);
            p.CubicTo(parting - 0.3f * w, hairline + 0.02f * h, -0.75f * w, hairline - 0.02f * h, -0.88f * w, temple);
        }

        p.LineTo(-0.9f * w, sideburn);
        p.Close();
    }

    private void AddCurtains(SKPathBuilder p)
    {
        var (w, h) = (_w, _h);
        var length = _look.HairLength * h;
        var inner = _look.EarsVisible ? 1.12f * w : 0.84f * w;
        var outer = (_look.Style == HairStyle.Long ? 1.36f : 1.22f) * w;
        foreach (var s in (ReadOnlySpan<float>)[-1f, 1f])
        {
            using var c = new SKPathBuilder();
            c.MoveTo(s * 0.84f * w, -0.65f * h);
            c.CubicTo(s * inner, -0.25f * h, s * inner, 0.35f * h, s * (inner - 0.06f * w), length);
            // A few points at the ends.
            var step = (outer - inner + 0.06f * w) / 3f;
            c.LineTo(s * (inner - 0.06f * w + 0.5f * step), length + 0.06f * h);
            c.LineTo(s * (inner - 0.06f * w + step), length - 0.02f * h);
            c.LineTo(s * (inner - 0.06f * w + 1.6f * step), length + 0.05f * h);
            c.LineTo(s * (inner - 0.06f * w + 2.2f * step), length - 0.03f * h);
            c.LineTo(s * outer, length + 0.02f * h);
            // Up the outside, joining the cap's side without a gap.
            c.CubicTo(s * (outer + 0.04f * w), length - 0.5f * h, s * 1.2f * w, -0.1f * h, s * 1.13f * w, -0.45f * h);
            c.LineTo(s * 0.95f * w, -0.85f * h);
            c.Close();
            using var curtain = c.Detach();
            // The mirrored curtain runs the other way round; under the non-zero fill rule its overlap with
            // the cap would cancel out and leave a hole, so it is added reversed.
            if (s > 0)
            {
                p.ReverseAddPath(curtain);
            }
            else
            {
                p.AddPath(curtain, SKPathAddMode.Append);
            }
        }
    }

    private void DrawStrands()
    {
        // Strands of one colour go into one path: a stroke call costs more than its length.
        var (w, h) = (_w, _h);
        var crownX = _look.Parting * w;
        var curtains = _look.Style is HairStyle.Long or HairStyle.Bob;
        var bottom = _look.HairLength * h;
        using var dark = new SKPathBuilder();
        using var light = new SKPathBuilder();
        for (var k = 0; k < 10; k++)
        {
            var endX = (-1.05f + 2.1f * k / 9f) * w;
            var strand = k % 3 == 0 ? light : dark;
            strand.MoveTo(crownX, -1.15f * h);
            strand.QuadTo(endX * 0.9f, -1.05f * h, endX, -0.45f * h);
        }

        if (curtains)
        {
            foreach (var s in (ReadOnlySpan<float>)[-1f, 1f])
            {
                for (var k = 0; k < 3; k++)
                {
                    var x = (0.97f + 0.12f * k) * w;
                    var strand = k == 1 ? light : dark;
                    strand.MoveTo(s * (x - 0.05f * w), -0.75f * h);
                    strand.CubicTo(s * (x + 0.05f * w), -0.2f * h, s * (x + 0.03f * w), 0.4f * h, s * (x + 0.02f * w), bottom);
                }
            }
        }

        Stroke(dark, Colors.WithAlpha(Colors.Scale(_look.Hair, 0.7f), 0.55f), 0.018f * w);
        Stroke(light, Colors.WithAlpha(Colors.Scale(_look.Hair, 1.2f), 0.25f), 0.018f * w);
        if (_look.StreakCount == 0)
        {
            return;
        }

        // Grey streaks (30-59) and white strands (60+), spread by the golden ratio so each person keeps
        // theirs; on long hair the outer ones carry on down the sides.
        using var streaks = new SKPathBuilder();
        for (var k = 0; k < _look.StreakCount; k++)
        {
            var t = (k * 0.618034f + _look.Parting + 0.5f) % 1f;
            var endX = (-1.2f + 2.4f * t) * w;
            streaks.MoveTo(crownX + (t - 0.5f) * 0.3f * w, -1.12f * h);
            streaks.QuadTo(endX * 0.95f, -0.95f * h, endX, -0.5f * h);
            if (curtains && Math.Abs(endX) > 0.95f * w)
            {
                streaks.CubicTo(endX * 1.04f, -0.1f * h, endX * 1.04f, 0.4f * h, endX * 1.02f, bottom);
            }
        }

        Stroke(streaks, Colors.WithAlpha(_look.HairStreak, 0.85f), 0.055f * w);
    }

    private void DrawEarrings()
    {
        if (_look.Earring is not { } color)
        {
            return;
        }

        var (w, h) = (_w, _h);
        foreach (var s in (ReadOnlySpan<float>)[-1f, 1f])
        {
            if (_look.HoopEarrings)
            {
                using var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.028f * w };
                _canvas.DrawCircle(s * 1.05f * w, 0.27f * h, 0.085f * w, paint);
            }
            else
            {
                using var paint = new SKPaint { Color = color, IsAntialias = true };
                _canvas.DrawCircle(s * 1.05f * w, 0.2f * h, 0.05f * w, paint);
                paint.Color = SKColors.White.WithAlpha(160);
                _canvas.DrawCircle(s * 1.04f * w, 0.19f * h, 0.018f * w, paint);
            }
        }
    }

    private void DrawGlasses()
    {
        if (_look.Glasses is not { } color)
        {
            return;
        }

        var (w, h) = (_w, _h);
        using var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.032f * w };
        using var lens = new SKPaint { Color = new SKColor(255, 255, 255, 24), IsAntialias = true };
        foreach (var s in (ReadOnlySpan<float>)[-1f, 1f])
        {
            var rect = SKRect.Create(s * EyeX * w - 0.25f * w, EyeY * h - 0.15f * w, 0.5f * w, 0.3f * w);
            _canvas.DrawRoundRect(rect, 0.08f * w, 0.08f * w, lens);
            _canvas.DrawRoundRect(rect, 0.08f * w, 0.08f * w, paint);
            _canvas.DrawLine(s * (EyeX + 0.25f) * w, EyeY * h - 0.05f * w, s * 0.99f * w, -0.12f * h, paint);
        }

        _canvas.DrawLine(-0.11f * w, EyeY * h - 0.04f * w, 0.11f * w, EyeY * h - 0.04f * w, paint);
    }

    private void Fill(SKPathBuilder builder, SKColor color)
    {
        using var path = builder.Snapshot();
        Fill(path, color);
    }

    private void Stroke(SKPathBuilder builder, SKColor color, float width)
    {
        using var path = builder.Snapshot();
        Stroke(path, color, width);
    }

    private void Fill(SKPath path, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        _canvas.DrawPath(path, paint);
    }

    private void Stroke(SKPath path, SKColor color, float width)
    {
        using var paint = new SKPaint
        {
            Color = color,
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            StrokeWidth = width,
            StrokeCap = SKStrokeCap.Round,
            StrokeJoin = SKStrokeJoin.Round,
        };
        _canvas.DrawPath(path, paint);
    }
}
