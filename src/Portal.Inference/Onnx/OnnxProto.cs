namespace Portal.Inference.Onnx;

/// <summary>
/// Reads the few top-level fields of an ONNX <c>ModelProto</c> that ONNX Runtime's managed API does not expose
/// (the IR version and the default-domain opset), with a minimal protobuf reader.
/// </summary>
public static class OnnxProto
{
    private const int IrVersionField = 1;
    private const int OpsetImportField = 8;

    /// <summary>The IR version and default (<c>ai.onnx</c>) opset, or null when the bytes are not such a model.</summary>
    public static (long IrVersion, long Opset)? ReadVersions(ReadOnlySpan<byte> model)
    {
        long ir = 0, opset = 0;
        var position = 0;
        while (position < model.Length)
        {
            if (!TryReadVarint(model, ref position, out var key))
            {
                return null;
            }

            var field = (int)(key >> 3);
            var wire = (int)(key & 7);
            switch (wire)
            {
                case 0:
                    if (!TryReadVarint(model, ref position, out var value))
                    {
                        return null;
                    }

                    if (field == IrVersionField)
                    {
                        ir = (long)value;
                    }

                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                case 2:
                    if (!TryReadVarint(model, ref position, out var length) || length > (ulong)(model.Length - position))
                    {
                        return null;
                    }

                    if (field == OpsetImportField && ReadOpset(model.Slice(position, (int)length)) is { } version)
                    {
                        opset = version;
                    }

                    position += (int)length;
                    break;
                default:
                    return null;
            }
        }

        return position == model.Length && ir > 0 ? (ir, opset) : null;
    }

    // OperatorSetIdProto: domain = 1 (string), version = 2 (int64); the default domain is "" or "ai.onnx".
    private static long? ReadOpset(ReadOnlySpan<byte> entry)
    {
        var position = 0;
        var defaultDomain = true;
        long version = 0;
        while (position < entry.Length)
        {
            if (!TryReadVarint(entry, ref position, out var key))
            {
                return null;
            }

            if ((key & 7) == 2)
            {
                if (!TryReadVarint(entry, ref position, out var length) || length > (ulong)(entry.Length - position))
                {
                    return null;
                }

                if (key >> 3 == 1)
                {
                    var domain = System.Text.Encoding.UTF8.GetString(entry.Slice(position, (int)length));
                    defaultDomain = domain is "" or "ai.onnx";
                }

                position += (int)length;
            }
            else if ((key & 7) == 0)
            {
                if (!TryReadVarint(entry, ref position, out var value))
                {
                    return null;
                }

                if (key >> 3 == 2)
                {
                    version = (long)value;
                }
            }
            else
            {
                return null;
            }
        }

        return defaultDomain ? version : null;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
