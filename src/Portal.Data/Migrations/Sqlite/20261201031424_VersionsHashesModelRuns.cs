using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VersionsHashesModelRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContentHash",
                table: "Submissions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BoardVersion",
                table: "Competitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "HiddenSetVersion",
                table: "Competitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "ModelRuns",
                columns: table => new
                {
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    DetailsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Images = table.Column<int>(type: "INTEGER", nullable: false),
                    Seconds = table.Column<double>(type: "REAL", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelRuns", x => x.SubmissionId);
                    table.ForeignKey(
                        name: "FK_ModelRuns_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Submissions_TeamId_ContentHash",
                table: "Submissions",
                columns: new[] { "TeamId", "ContentHash" });

            // Model runs written before this migration kept their details inside the submission's details JSON.
            migrationBuilder.Sql("""
                INSERT INTO ModelRuns (SubmissionId, DetailsJson, Provider, Images, Seconds, FinishedAtUtc)
                SELECT Id, json_extract(DetailsJson, '$.modelRun'), COALESCE(json_extract(DetailsJson, '$.modelRun.provider'), ''), 0, 0, COALESCE(ScoredAtUtc, CreatedAtUtc)
                FROM Submissions WHERE DetailsJson IS NOT NULL AND json_type(DetailsJson, '$.modelRun') = 'object';
                UPDATE Submissions SET DetailsJson = json_remove(DetailsJson, '$.modelRun')
                WHERE DetailsJson IS NOT NULL AND json_type(DetailsJson, '$.modelRun') IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelRuns");

            migrationBuilder.DropIndex(
                name: "IX_Submissions_TeamId_ContentHash",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "ContentHash",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "BoardVersion",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "HiddenSetVersion",
                table: "Competitions");
        }
    }
}
