using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
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
                    SubmissionId = table.Column<int>(type: "integer", nullable: false),
                    SeriesBlob = table.Column<byte[]>(type: "bytea", nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: false),
                    GitCommit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FileCount = table.Column<int>(type: "integer", nullable: false),
                    SeriesCount = table.Column<int>(type: "integer", nullable: false),
                    PointCount = table.Column<long>(type: "bigint", nullable: false),
                    ValidationTag = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ValidationF1Last = table.Column<double>(type: "double precision", nullable: true),
                    ValidationF1Best = table.Column<double>(type: "double precision", nullable: true),
                    IsPublished = table.Column<bool>(type: "boolean", nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
