using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrustSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "ValidationF1",
                table: "Submissions",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ValidationFoldF1s",
                table: "Submissions",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "LadderMode",
                table: "Competitions",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Off");

            migrationBuilder.AddColumn<double>(
                name: "LadderStep",
                table: "Competitions",
                type: "REAL",
                nullable: false,
                defaultValue: 0.001);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ValidationF1",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "ValidationFoldF1s",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "LadderMode",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "LadderStep",
                table: "Competitions");
        }
    }
}
