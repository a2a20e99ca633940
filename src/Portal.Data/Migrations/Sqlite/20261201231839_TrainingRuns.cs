using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrainingRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TrainingRuns",
                columns: table => new
                {
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SeriesBlob = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SettingsJson = table.Column<string>(type: "TEXT", nullable: false),
                    GitCommit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FileCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SeriesCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PointCount = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidationTag = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ValidationF1Last = table.Column<double>(type: "REAL", nullable: true),
                    ValidationF1Best = table.Column<double>(type: "REAL", nullable: true),
                    IsPublished = table.Column<bool>(type: "INTEGER", nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingRuns", x => x.SubmissionId);
                    table.ForeignKey(
                        name: "FK_TrainingRuns_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TrainingRuns");
        }
    }
}
