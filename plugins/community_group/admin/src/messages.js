// The community group screens' texts; anything not here (save, cancel, name, status…) is the admin's.
export default {
  "zh-CN": {
    title: "社区团购", leaders: "团长", pickupPoints: "自提点", batches: "配送批次", settlements: "佣金结算",
    "leader.all": "全部", "leader.pending": "待审核", "leader.approved": "已通过", "leader.rejected": "已拒绝",
    noLeaders: "暂无团长申请", pickupPoint: "自提点", commission: "佣金比例", appliedAt: "申请时间", reviewNote: "审核备注",
    approveLeader: "通过", rejectLeader: "拒绝", setCommission: "设置佣金", commissionPercent: "佣金比例（%）", defaultRate: "默认比例",
    approveTitle: "通过团长申请", rejectTitle: "拒绝团长申请", noPoints: "暂无已开放的自提点", address: "地址", openingHours: "营业时间",
    leader: "团长", coordinates: "坐标",
    newBatch: "生成配送批次", batchHelp: "把截止时间前已付款、尚未分批的自提订单汇总成一个批次，按自提点发货。", cutoff: "截止时间", cutoffNow: "现在",
    batchNo: "批次号", orderCount: "订单数", createdBy: "操作人", pickingList: "拣货单", noBatches: "暂无配送批次",
    sku: "商品 / 规格", units: "件数", download: "下载",
    settle: "结算", settleHelp: "结算一个已结束的月份：其未结算的佣金（及之前月份迟到的）从此固定。", period: "月份",
    entryCount: "佣金笔数", totalCommission: "佣金合计", statements: "对账单", noSettlements: "暂无结算", accrued: "应得", reversed: "冲回",
  },
  en: {
    title: "Community group buying", leaders: "Leaders", pickupPoints: "Pickup points", batches: "Delivery batches", settlements: "Settlements",
    "leader.all": "All", "leader.pending": "To review", "leader.approved": "Approved", "leader.rejected": "Rejected",
    noLeaders: "No leader applications", pickupPoint: "Pickup point", commission: "Commission", appliedAt: "Applied", reviewNote: "Review note",
    approveLeader: "Approve", rejectLeader: "Reject", setCommission: "Set commission", commissionPercent: "Commission (%)", defaultRate: "Shop default",
    approveTitle: "Approve the application", rejectTitle: "Reject the application", noPoints: "No open pickup points", address: "Address", openingHours: "Opening hours",
    leader: "Leader", coordinates: "Coordinates",
    newBatch: "New delivery batch", batchHelp: "Gathers the paid pickup orders up to the cut-off that no batch took yet; they ship to their pickup points.", cutoff: "Cut-off", cutoffNow: "Now",
    batchNo: "Batch no.", orderCount: "Orders", createdBy: "By", pickingList: "Picking list", noBatches: "No batches yet",
    sku: "Product / SKU", units: "Units", download: "Download",
    settle: "Settle", settleHelp: "Settles a finished month: its unsettled commission (and late entries of earlier months) is fixed for good.", period: "Month",
    entryCount: "Entries", totalCommission: "Commission", statements: "Statements", noSettlements: "No settlements yet", accrued: "Accrued", reversed: "Reversed",
  },
};
