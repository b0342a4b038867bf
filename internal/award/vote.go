package award

// Vote thresholds. The Luật and the reference give no general passing rule
// for an agency's emulation council: the threshold comes from the agency's
// own regulation (quy chế hoạt động của Hội đồng Thi đua - Khen thưởng), so
// it is data on each proposal. ThresholdBase names both what the percentage
// is of and how it compares with Threshold:
//
//	tong_so     percent of all council members, strictly more than Threshold
//	co_mat      percent of the members present, strictly more than Threshold
//	tong_so_tu  percent of all council members, at least Threshold ("từ … trở lên")
//	co_mat_tu   percent of the members present, at least Threshold
//
// The default is strictly more than 50 % of all members.
const (
	ThresholdTotal          = "tong_so"
	ThresholdPresent        = "co_mat"
	ThresholdTotalAtLeast   = "tong_so_tu"
	ThresholdPresentAtLeast = "co_mat_tu"
	// DefaultThreshold is the share a nominee needs by default (percent).
	DefaultThreshold = 50.0
)

// ThresholdBases lists the ThresholdBase codes.
var ThresholdBases = []string{ThresholdTotal, ThresholdPresent, ThresholdTotalAtLeast, ThresholdPresentAtLeast}

// VoteBase is the number of members the percentage of a proposal's vote is
// taken of: all members or those present, as ThresholdBase says.
func VoteBase(p Proposal) int {
	switch p.ThresholdBase {
	case ThresholdPresent, ThresholdPresentAtLeast:
		return p.MembersPresent
	}
	return p.MembersTotal
}

// AtLeast reports whether the threshold is inclusive ("từ … trở lên").
func AtLeast(p Proposal) bool {
	return p.ThresholdBase == ThresholdTotalAtLeast || p.ThresholdBase == ThresholdPresentAtLeast
}

// Percent is ballots for / base × 100 (0 when the base is 0).
func Percent(ballotsFor int, p Proposal) float64 {
	base := VoteBase(p)
	if base <= 0 {
		return 0
	}
	return float64(ballotsFor) * 100 / float64(base)
}

// Passed applies the proposal's threshold to a ballot count. The
// comparison is ballots × 100 against threshold × base, so that exactly
// half of an even council is "not more than half".
func Passed(ballotsFor int, p Proposal) bool {
	base := VoteBase(p)
	if base <= 0 || ballotsFor <= 0 {
		return false
	}
	lhs := float64(ballotsFor) * 100
	rhs := p.Threshold * float64(base)
	const eps = 1e-9
	if AtLeast(p) {
		return lhs >= rhs-eps
	}
	return lhs > rhs+eps
}
