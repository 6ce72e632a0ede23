// The coupon screen's texts; anything not here (save, cancel, name, status…) is the admin's.
export default {
  "zh-CN": {
    coupons: "优惠券", newCoupon: "新建优惠券", editCoupon: "编辑优惠券", noCoupons: "暂无优惠券", couponKind: "类型", couponTerms: "优惠内容",
    couponValidity: "有效期", couponIssued: "已发放/总量", "coupon.amount_off": "满减券", "coupon.percent_off": "折扣券",
    "coupon.no_threshold": "无门槛券", "coupon.shipping": "运费券", "coupon.active": "进行中", "coupon.upcoming": "未开始", "coupon.ended": "已结束", "coupon.stopped": "已停止",
    "coupon.after_claim": "领取后生效", "coupon.fixed": "固定时间", percentOff: "折扣（减百分之几）", amountOffYuan: "减免金额（元）",
    maxDiscountYuan: "最多优惠（元）", thresholdYuan: "使用门槛（元）", validDays: "领取后有效天数", validWindow: "有效时间",
    exclusive: "不可与其他券同用", totalQuantity: "发放总量", perCustomerLimit: "每人限领", claimable: "在领券中心展示",
    newCustomerGift: "新人礼包", validDaysAfterClaim: "领取后 {n} 天内有效",
  },
  en: {
    coupons: "Coupons", newCoupon: "New coupon", editCoupon: "Edit coupon", noCoupons: "No coupons yet", couponKind: "Kind", couponTerms: "Offer",
    couponValidity: "Validity", couponIssued: "Issued / total", "coupon.amount_off": "Amount off", "coupon.percent_off": "Percent off",
    "coupon.no_threshold": "No minimum", "coupon.shipping": "Shipping", "coupon.active": "Active", "coupon.upcoming": "Not started", "coupon.ended": "Ended", "coupon.stopped": "Stopped",
    "coupon.after_claim": "Days after claim", "coupon.fixed": "Fixed window", percentOff: "Percent off", amountOffYuan: "Amount off (¥)",
    maxDiscountYuan: "Discount cap (¥)", thresholdYuan: "Minimum spend (¥)", validDays: "Valid days after claim", validWindow: "Valid from – until",
    exclusive: "Not combinable", totalQuantity: "Total quantity", perCustomerLimit: "Per customer", claimable: "In the claim centre",
    newCustomerGift: "New-customer gift", validDaysAfterClaim: "{n} days after claim",
  },
};
