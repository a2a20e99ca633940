using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
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
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ValidationFoldF1s",
                table: "Submissions",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "LadderMode",
                table: "Competitions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Off");

            migrationBuilder.AddColumn<double>(
                name: "LadderStep",
                table: "Competitions",
                type: "double precision",
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
