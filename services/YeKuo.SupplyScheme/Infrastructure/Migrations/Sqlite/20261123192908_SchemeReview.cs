using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.SupplyScheme.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SchemeReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SchemeReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CustomerClass = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    SchemeReplyWorkItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    VoltageKv = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: false),
                    SourceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CapacityKva = table.Column<decimal>(type: "TEXT", precision: 12, scale: 3, nullable: false),
                    MeteringMethod = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DraftedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DraftedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reviewers = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MeetingDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MeetingAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MeetingApproved = table.Column<bool>(type: "INTEGER", nullable: true),
                    MeetingComments = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    MeetingDecidedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    MeetingDecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RepliedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RepliedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CustomerComments = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CustomerAnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchemeReviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionTimers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FireAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionTimers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionTimers_WorkItems_WorkItemId",
                        column: x => x.WorkItemId,
                        principalTable: "WorkItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewOpinions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Approve = table.Column<bool>(type: "INTEGER", nullable: false),
                    Comments = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Reviewer = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GivenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewOpinions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewOpinions_SchemeReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "SchemeReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewOpinions_ReviewId_Department",
                table: "ReviewOpinions",
                columns: new[] { "ReviewId", "Department" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SchemeReviews_ApplicationId_Revision",
                table: "SchemeReviews",
                columns: new[] { "ApplicationId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SchemeReviews_MeetingDate",
                table: "SchemeReviews",
                column: "MeetingDate");

            migrationBuilder.CreateIndex(
                name: "IX_SchemeReviews_SchemeReplyWorkItemId",
                table: "SchemeReviews",
                column: "SchemeReplyWorkItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SchemeReviews_Status_DraftedAt",
                table: "SchemeReviews",
                columns: new[] { "Status", "DraftedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionTimers_FiredAt_FireAt",
                table: "SupervisionTimers",
                columns: new[] { "FiredAt", "FireAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionTimers_WorkItemId_Level",
                table: "SupervisionTimers",
                columns: new[] { "WorkItemId", "Level" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewOpinions");

            migrationBuilder.DropTable(
                name: "SupervisionTimers");

            migrationBuilder.DropTable(
                name: "SchemeReviews");
        }
    }
}
