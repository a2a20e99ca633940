using System.Text;
using Portal.TrainingRuns.Settings;

namespace Portal.TrainingRuns.Tests.Settings;

public sealed class SettingsReaderTests
{
    [Fact]
    public void ReadYaml_NestedConfig_FlattenedToPathsAndTextValues()
    {
        const string yaml = """
            model:
              name: resnet18
              pretrained: true
            optimizer:
              lr: 1e-3
              betas: [0.9, 0.999]
            augment:
              - hflip
              - {name: cutout, size: 16}
            scheduler: ~
            tags: []
            notes: "quoted: yes"
            """;

        var settings = SettingsReader.ReadYaml(Utf8(yaml), "config.yaml");

        Assert.Equal(new Dictionary<string, string>
        {
            ["augment[0]"] = "hflip",
            ["augment[1].name"] = "cutout",
            ["augment[1].size"] = "16",
            ["model.name"] = "resnet18",
            ["model.pretrained"] = "true",
            ["notes"] = "quoted: yes",
            ["optimizer.betas[0]"] = "0.9",
            ["optimizer.betas[1]"] = "0.999",
            ["optimizer.lr"] = "1e-3",
            ["scheduler"] = "null",
            ["tags"] = "[]",
        }, settings.Values);
        Assert.Equal(settings.Values.Keys.Order(StringComparer.Ordinal), settings.Values.Keys);
    }

    [Fact]
    public void ReadYaml_EmptyFile_NoSettings()
    {
        Assert.Empty(SettingsReader.ReadYaml(Utf8(""), "config.yaml").Values);
    }

    [Fact]
    public void ReadYaml_BrokenIndentation_RefusedWithItsLine()
    {
        var e = Assert.Throws<RunFileRejectedException>(() => SettingsReader.ReadYaml(Utf8("model:\n  name: a\n   size: 3\n"), "config.yaml"));

        Assert.Equal((RunFileProblem.MalformedYaml, "config.yaml"), (e.Problem, e.FileName));
        Assert.Equal(3L, e.Line);
    }

    [Fact]
    public void ReadYaml_ListAtTheTop_RefusedAsNotAMap()
    {
        var e = Assert.Throws<RunFileRejectedException>(() => SettingsReader.ReadYaml(Utf8("- a\n- b\n"), "config.yaml"));

        Assert.Equal(RunFileProblem.NotAMap, e.Problem);
    }

    [Fact]
    public void ReadYaml_AliasesExpandingPastTheLimit_Refused()
    {
        var yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var below = (char)(level - 1);
            yaml.Append(level).Append(": &").Append(level).Append(" [")
                .AppendJoin(", ", Enumerable.Repeat($"*{below}", 10)).Append("]\n");
        }

        var e = Assert.Throws<RunFileRejectedException>(() => SettingsReader.ReadYaml(Utf8(yaml.ToString()), "bomb.yaml"));

        Assert.Equal(RunFileProblem.InvalidSettings, e.Problem);
        Assert.Contains("more than 10,000 entries", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadYaml_KeyTwiceAfterFlattening_Refused()
    {
        var e = Assert.Throws<RunFileRejectedException>(() => SettingsReader.ReadYaml(Utf8("a.b: 1\na:\n  b: 2\n"), "config.yaml"));

        Assert.Equal(RunFileProblem.InvalidSettings, e.Problem);
        Assert.Contains("'a.b'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadJson_Config_NumbersAsWrittenAndWords()
    {
        var settings = SettingsReader.ReadJson(Utf8("{\"lr\": 1e-3, \"folds\": 5, \"amp\": false, \"ckpt\": null, // comment\n \"model\": {\"name\": \"vit\"},}"), "config.json");

        Assert.Equal(new Dictionary<string, string> { ["amp"] = "false", ["ckpt"] = "null", ["folds"] = "5", ["lr"] = "1e-3", ["model.name"] = "vit" }, settings.Values);
    }

    [Fact]
    public void ReadJson_Broken_RefusedWithItsLine()
    {
        var e = Assert.Throws<RunFileRejectedException>(() => SettingsReader.ReadJson(Utf8("{\n\"lr\": 0.1,\n\"x\" 3\n}"), "config.json"));

        Assert.Equal((RunFileProblem.MalformedJson, 3L), (e.Problem, e.Line));
    }

    [Fact]
    public void ReadConfig_ByExtension_YamlOrJson()
    {
        Assert.Equal("2", SettingsReader.ReadConfig(Utf8("a: 2"), "c.yml").Values["a"]);
        Assert.Equal("2", SettingsReader.ReadConfig(Utf8("{\"a\": 2}"), "c.json").Values["a"]);
    }

    [Fact]
    public void ReadOptuna_StudyDump_BestParamsAndValue()
    {
        var best = SettingsReader.ReadOptuna(Utf8("{\"best_params\": {\"lr\": 0.00031, \"optimizer\": \"adamw\", \"dropout\": 0.2}, \"best_value\": 0.912}"), "optuna.json");

        Assert.Equal(new Dictionary<string, string> { ["dropout"] = "0.2", ["lr"] = "0.00031", ["optimizer"] = "adamw" }, best.Parameters.Values);
        Assert.Equal(0.912, best.BestValue);
    }

    [Fact]
    public void ReadOptuna_PlainParameterMap_ParamsWithoutValue()
    {
        var best = SettingsReader.ReadOptuna(Utf8("{\"lr\": 0.01, \"batch_size\": 64}"), "best_params.json");

        Assert.Equal(new Dictionary<string, string> { ["batch_size"] = "64", ["lr"] = "0.01" }, best.Parameters.Values);
        Assert.Null(best.BestValue);
    }

    [Fact]
    public void ReadOptuna_BestParamsNotAMap_Refused()
    {
        var e = Assert.Throws<RunFileRejectedException>(() => SettingsReader.ReadOptuna(Utf8("{\"best_params\": [1, 2]}"), "optuna.json"));

        Assert.Equal(RunFileProblem.NotAMap, e.Problem);
    }

    [Fact]
    public void Differences_TwoRuns_ChangedAddedAndRemovedKeysInOrder()
    {
        var a = SettingsReader.ReadYaml(Utf8("lr: 0.001\nepochs: 30\nmixup: true\n"), "a.yaml");
        var b = SettingsReader.ReadYaml(Utf8("lr: 0.0003\nepochs: 30\ncutmix: true\n"), "b.yaml");

        var differences = a.Differences(b);

        Assert.Equal([new SettingDifference("cutmix", null, "true"), new SettingDifference("lr", "0.001", "0.0003"), new SettingDifference("mixup", "true", null)], differences);
    }

    [Fact]
    public void ReadGitCommit_FileWithHashAndNewline_TheCommit()
    {
        var commit = SettingsReader.ReadGitCommit(Utf8("3F2A9C1E0B7D4A5F6C8E9D0A1B2C3D4E5F6A7B8C\n"), "commit.txt");

        Assert.Equal("3f2a9c1e0b7d4a5f6c8e9d0a1b2c3d4e5f6a7b8c", commit.Hash);
        Assert.False(commit.IsAbbreviated);
    }

    [Fact]
    public void ReadGitCommit_NotAHash_RefusedAsNotAGitCommit()
    {
        var e = Assert.Throws<RunFileRejectedException>(() => SettingsReader.ReadGitCommit(Utf8("main\n"), "commit.txt"));

        Assert.Equal((RunFileProblem.NotAGitCommit, "commit.txt"), (e.Problem, e.FileName));
    }

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));
}
