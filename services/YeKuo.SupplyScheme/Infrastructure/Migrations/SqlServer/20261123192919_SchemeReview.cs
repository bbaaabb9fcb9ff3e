using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.SupplyScheme.Infrastructure.Migrations.SqlServer
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicationNumber = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CustomerClass = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    SchemeReplyWorkItemId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    VoltageKv = table.Column<decimal>(type: "decimal(9,3)", precision: 9, scale: 3, nullable: false),
                    SourceCount = table.Column<int>(type: "int", nullable: false),
                    CapacityKva = table.Column<decimal>(type: "decimal(12,3)", precision: 12, scale: 3, nullable: false),
                    MeteringMethod = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    DraftedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    DraftedAt = table.Column<long>(type: "bigint", nullable: false),
                    Reviewers = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    ReviewedAt = table.Column<long>(type: "bigint", nullable: true),
                    MeetingDate = table.Column<DateOnly>(type: "date", nullable: true),
                    MeetingAt = table.Column<long>(type: "bigint", nullable: true),
                    MeetingApproved = table.Column<bool>(type: "bit", nullable: true),
                    MeetingComments = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    MeetingDecidedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    MeetingDecidedAt = table.Column<long>(type: "bigint", nullable: true),
                    RepliedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    RepliedAt = table.Column<long>(type: "bigint", nullable: true),
                    CustomerComments = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    CustomerAnsweredAt = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchemeReviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionTimers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WorkItemId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicationNumber = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Step = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Department = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    FireAt = table.Column<long>(type: "bigint", nullable: false),
                    FiredAt = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReviewId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Department = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Approve = table.Column<bool>(type: "bit", nullable: false),
                    Comments = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Reviewer = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    GivenAt = table.Column<long>(type: "bigint", nullable: false)
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
