namespace Portal.TrainingRuns;

/// <summary>Why a training-run file was refused, one code per rule of the formats.</summary>
public enum RunFileProblem
{
    /// <summary>The path names no file or folder.</summary>
    NotFound,

    /// <summary>The file is larger than <see cref="TrainingRunReadOptions.MaxFileBytes"/>.</summary>
    FileTooLarge,

    /// <summary>More files than <see cref="TrainingRunReadOptions.MaxFiles"/> were given or found.</summary>
    TooManyFiles,

    /// <summary>The file is neither a TensorBoard event file nor a CSV or JSON history, by its name.</summary>
    UnsupportedFile,

    /// <summary>A folder holds no <c>events.out.tfevents.*</c> file.</summary>
    NoEventFiles,

    /// <summary>The first record's header fails its checksum: the file is not in TFRecord framing at all.</summary>
    NotTfRecord,

    /// <summary>The file ends inside a record (header, data or data checksum).</summary>
    TruncatedRecord,

    /// <summary>A record's length does not match the masked CRC32C stored after it.</summary>
    LengthChecksumMismatch,

    /// <summary>A record's data does not match the masked CRC32C stored after it.</summary>
    DataChecksumMismatch,

    /// <summary>A record claims more bytes than <see cref="TrainingRunReadOptions.MaxRecordBytes"/>.</summary>
    RecordTooLarge,

    /// <summary>A record's data is not a TensorBoard <c>Event</c> protobuf message.</summary>
    NotAnEvent,

    /// <summary>A scalar summary's tensor or a plugin's data cannot be read (wrong content length, not a protobuf).</summary>
    MalformedSummary,

    /// <summary>A CSV file's quoting or field count is broken.</summary>
    MalformedCsv,

    /// <summary>A JSON file or line is not valid JSON, or not the expected shape (an object per row).</summary>
    MalformedJson,

    /// <summary>A YAML file is not valid YAML.</summary>
    MalformedYaml,

    /// <summary>A history has no step column (<c>_step</c>, <c>step</c>, <c>global_step</c> or <c>epoch</c>).</summary>
    MissingStepColumn,

    /// <summary>A row has no step, or a step that is not a whole number.</summary>
    InvalidStep,

    /// <summary>A metric cell is neither empty nor a number.</summary>
    NotANumber,

    /// <summary>A settings file is not a key-value map at its top.</summary>
    NotAMap,

    /// <summary>A settings file has more entries or deeper nesting than the options allow, or a key twice.</summary>
    InvalidSettings,

    /// <summary>A git commit is not 7 to 40 (or 64) hexadecimal digits.</summary>
    NotAGitCommit,
}
