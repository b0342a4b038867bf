package emulation

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/vntext"
)

// Fact is something the database already holds about a subject in a
// campaign year, shown beside the scores with where it comes from, so that
// nobody retypes it. Label and Value are Vietnamese text (they go into the
// achievement reports as written).
type Fact struct {
	// Key is "<kind>.<item>": the kind is one of FactKinds (the criterion's
	// Fact), the item says what the fact is:
	//   ho_tro.dang_ky       registrations in force in the year (Count: how many)
	//   ho_tro.hoat_dong     activities in the year (Count; funds and workdays in Value)
	//   ho_tro.tien_do       one supported commune's criteria progress (Count: criteria met at the latest assessment)
	//   ho_tro.cong_nhan     one NTM recognition in the year of a supported place (Count 1), or none (Count 0)
	//   tuyen_truyen.hoat_dong  propaganda activities in the year (Count)
	//   van_ban.tong         documents drafted and issued in the year (Count)
	//   van_ban.van_ban      one of those documents (Count 1)
	//   tham_gia.hoat_dong   activities the person took part in (Count)
	//   tham_gia.dau_moi     registrations the person is the contact of (Count)
	Key    string `json:"key"`
	Label  string `json:"label"`
	Value  string `json:"value"`
	Count  int    `json:"count"`
	Source string `json:"source"`
	// Link is the route of the screen that holds the data ("/sponsorships",
	// "/documents/<id>", "/localities/<id>/timeline").
	Link string `json:"link"`
}

// FactGroup is the kind part of a fact key ("ho_tro" of "ho_tro.dang_ky").
func FactGroup(key string) string {
	if i := strings.IndexByte(key, '.'); i >= 0 {
		return key[:i]
	}
	return key
}

// maxDocumentFacts bounds the per-document facts of a unit.
const maxDocumentFacts = 30

// Facts gathers what the database holds about a unit (tap_the) or a person
// (ca_nhan) for a year of a campaign: for a unit its registrations in
// force, its activities (with funds and workdays), its propaganda
// activities, its supported communes' NTM criteria progress and the NTM
// recognitions of its supported places in the year, and the documents it
// drafted that were issued in the year; for a person the activities they
// took part in and the registrations they are the contact of.
// Registrations count when they belong to the campaign or to none.
func (s *Service) Facts(ctx context.Context, agencyID, campaignID string, year int, subjectKind, subjectID string) ([]Fact, error) {
	k := SheetKey{CampaignID: campaignID, Year: year, SubjectKind: subjectKind, SubjectID: subjectID}
	k.normalise()
	tx := s.db.WithContext(ctx)
	if _, _, err := checkKey(tx, agencyID, k); err != nil {
		return nil, err
	}
	return facts(ctx, tx, agencyID, k.CampaignID, k.Year, k.SubjectKind, k.SubjectID)
}

// Local views of the tables the facts read.
type factReg struct {
	ID             string
	LocalityID     string
	FromDate       string
	ToDate         string
	Status         string
	ContactStaffID *string
}

type factPlace struct {
	ID       string
	ParentID *string
	Name     string
	Level    int
}

type factActivity struct {
	ID             string
	RegistrationID string
	Date           string
	Kind           string
	AmountVND      int64 `gorm:"column:amount_vnd"`
	Workdays       float64
}

type factAssessment struct {
	ID            string
	LocalityID    string
	Date          string
	CriteriaMet   int
	CriteriaTotal int
	SetCode       string
	SetName       string
}

type factStatus struct {
	ID             string
	LocalityID     string
	Level          string
	Year           int
	DecisionNumber string
	DecisionDate   string
	DecisionIssuer string
}

type factDocument struct {
	ID        string
	TypeCode  string
	Number    int
	Symbol    string
	Date      string
	Summary   string
	DraftUnit string
}

// period is one calendar year as ISO dates.
type period struct{ from, to string }

func periodOf(year int) period {
	return period{fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)}
}

func facts(ctx context.Context, tx *gorm.DB, agencyID, campaignID string, year int, kind, subjectID string) ([]Fact, error) {
	f := &factReader{tx: tx.Session(&gorm.Session{NewDB: true}).WithContext(ctx), agency: agencyID, campaign: campaignID,
		year: year, p: periodOf(year), places: map[string]factPlace{}}
	switch kind {
	case TargetUnit:
		return f.unit(subjectID)
	case TargetStaff:
		return f.person(subjectID)
	}
	return nil, fault.New(fault.ErrInvalid, "errors.invalid")
}

type factReader struct {
	tx       *gorm.DB
	agency   string
	campaign string
	year     int
	p        period
	places   map[string]factPlace
}

// registrations of the agency for the campaign (or none), live; where is
// one more condition ("unit_id = ?" or "contact_staff_id = ?").
func (f *factReader) registrations(where string, arg any) ([]factReg, error) {
	var regs []factReg
	err := f.tx.Table("sponsor_registrations").Select("id, locality_id, from_date, to_date, status, contact_staff_id").
		Where("agency_id = ? AND deleted_at IS NULL AND (campaign_id = ? OR campaign_id IS NULL)", f.agency, f.campaign).
		Where(where, arg).Order("from_date ASC").Order("id ASC").Scan(&regs).Error
	if err != nil {
		return nil, fmt.Errorf("fact registrations: %w", err)
	}
	return regs, nil
}

// inForce: not cancelled and running at some time of the year.
func (f *factReader) inForce(r factReg) bool {
	return r.Status != "huy" && r.FromDate <= f.p.to && (r.ToDate == "" || r.ToDate >= f.p.from)
}

// place loads a locality (cached), deleted ones included (a name stays a name).
func (f *factReader) place(id string) (factPlace, error) {
	if p, ok := f.places[id]; ok {
		return p, nil
	}
	var p factPlace
	if err := f.tx.Table("localities").Select("id, parent_id, name, level").Where("id = ?", id).Limit(1).Scan(&p).Error; err != nil {
		return p, fmt.Errorf("fact locality: %w", err)
	}
	f.places[id] = p
	return p, nil
}

// placeName is "Bản X (Xã Y)" for a village, the name otherwise.
func (f *factReader) placeName(id string) (string, error) {
	p, err := f.place(id)
	if err != nil || p.ParentID == nil || p.Level != 4 {
		return p.Name, err
	}
	parent, err := f.place(*p.ParentID)
	if err != nil {
		return p.Name, err
	}
	return p.Name + " (" + parent.Name + ")", nil
}

// activities under the registrations, live, dated in the year.
func (f *factReader) activities(regIDs []string) ([]factActivity, error) {
	acts := []factActivity{}
	if len(regIDs) == 0 {
		return acts, nil
	}
	err := f.tx.Table("sponsor_activities").Select("id, registration_id, date, kind, amount_vnd, workdays").
		Where("registration_id IN ? AND deleted_at IS NULL AND date >= ? AND date <= ?", regIDs, f.p.from, f.p.to).
		Order("date ASC").Order("id ASC").Scan(&acts).Error
	if err != nil {
		return nil, fmt.Errorf("fact activities: %w", err)
	}
	return acts, nil
}

const (
	srcRegistrations = "Đăng ký hỗ trợ: các đăng ký chưa hủy, còn hiệu lực trong năm %d"
	srcActivities    = "Đăng ký hỗ trợ: nhật ký hoạt động năm %d"
	srcAssessments   = "Đánh giá NTM: kết quả đã hoàn tất (%s)"
	srcStatuses      = "Địa bàn: kết quả xây dựng nông thôn mới (quyết định công nhận)"
	srcDocuments     = "Sổ văn bản: văn bản đã ban hành năm %d có đơn vị soạn thảo “%s”"
	linkSponsor      = "/sponsorships"
	linkDocuments    = "/documents"
)

func (f *factReader) unit(unitID string) ([]Fact, error) {
	out := []Fact{}
	var u org.Unit
	if err := f.tx.Unscoped().Where("id = ?", unitID).Limit(1).Find(&u).Error; err != nil {
		return nil, fmt.Errorf("fact unit: %w", err)
	}
	regs, err := f.registrations("unit_id = ?", unitID)
	if err != nil {
		return nil, err
	}
	// Registrations in force, with their places.
	var active []factReg
	var names []string
	for _, r := range regs {
		if !f.inForce(r) {
			continue
		}
		active = append(active, r)
		n, err := f.placeName(r.LocalityID)
		if err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	reg := Fact{Key: FactSupport + ".dang_ky", Label: "Địa bàn đăng ký hỗ trợ", Count: len(active),
		Source: fmt.Sprintf(srcRegistrations, f.year), Link: linkSponsor}
	if len(active) == 0 {
		reg.Value = "Chưa có đăng ký hỗ trợ còn hiệu lực trong năm"
	} else {
		reg.Value = fmt.Sprintf("%d địa bàn: %s", len(active), join(names, "; "))
	}
	out = append(out, reg)

	// Activities of the year under any of its registrations.
	ids := make([]string, 0, len(regs))
	placeOf := map[string]string{}
	for _, r := range regs {
		ids = append(ids, r.ID)
		placeOf[r.ID] = r.LocalityID
	}
	acts, err := f.activities(ids)
	if err != nil {
		return nil, err
	}
	var funds int64
	var days float64
	var propaganda []string
	for _, a := range acts {
		funds += a.AmountVND
		days += a.Workdays
		if a.Kind == FactPropaganda {
			n, err := f.placeName(placeOf[a.RegistrationID])
			if err != nil {
				return nil, err
			}
			propaganda = append(propaganda, dmy(a.Date)+" tại "+n)
		}
	}
	act := Fact{Key: FactSupport + ".hoat_dong", Label: "Hoạt động hỗ trợ trong năm", Count: len(acts),
		Source: fmt.Sprintf(srcActivities, f.year), Link: linkSponsor}
	if len(acts) == 0 {
		act.Value = "Chưa ghi nhận hoạt động nào trong năm"
	} else {
		parts := []string{fmt.Sprintf("%d hoạt động", len(acts))}
		if funds > 0 {
			parts = append(parts, "kinh phí, hiện vật "+money(funds)+" đồng")
		}
		if days > 0 {
			parts = append(parts, decimal(days)+" ngày công")
		}
		act.Value = join(parts, "; ")
	}
	out = append(out, act)
	prop := Fact{Key: FactPropaganda + ".hoat_dong", Label: "Hoạt động tuyên truyền trong năm", Count: len(propaganda),
		Source: fmt.Sprintf(srcActivities, f.year) + " (loại “Tuyên truyền”)", Link: linkSponsor}
	if len(propaganda) == 0 {
		prop.Value = "Chưa ghi nhận buổi tuyên truyền nào trong năm"
	} else {
		prop.Value = fmt.Sprintf("%d buổi: %s", len(propaganda), join(propaganda, "; "))
	}
	out = append(out, prop)

	// The places supported in the year and their communes.
	var supported []string
	seen := map[string]bool{}
	addPlace := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			supported = append(supported, id)
		}
	}
	for _, r := range active {
		p, err := f.place(r.LocalityID)
		if err != nil {
			return nil, err
		}
		if p.Level == 4 && p.ParentID != nil {
			addPlace(*p.ParentID)
		}
		addPlace(r.LocalityID)
	}
	progress, err := f.progress(supported)
	if err != nil {
		return nil, err
	}
	out = append(out, progress...)
	rec, err := f.recognitions(supported)
	if err != nil {
		return nil, err
	}
	out = append(out, rec...)

	docs, err := f.documents(u.ShortName)
	if err != nil {
		return nil, err
	}
	out = append(out, docs...)
	return out, nil
}

// progress compares, for each supported commune (and each supported
// village that is assessed), the criteria met at its latest finalised
// assessment of the year with the latest one before the year (or, without
// one, the first of the year) of the same criteria set code.
func (f *factReader) progress(places []string) ([]Fact, error) {
	out := []Fact{}
	if len(places) == 0 {
		return out, nil
	}
	var rows []factAssessment
	err := f.tx.Table("assessments a").
		Select("a.id, a.locality_id, a.date, a.criteria_met, a.criteria_total, s.code AS set_code, s.name AS set_name").
		Joins("JOIN criteria_sets s ON s.id = a.set_id").
		Where("a.agency_id = ? AND a.locality_id IN ? AND a.status = ? AND a.deleted_at IS NULL AND a.date <= ?",
			f.agency, places, "hoan_tat", f.p.to).
		Order("a.date DESC").Order("a.id DESC").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("fact assessments: %w", err)
	}
	byPlace := map[string][]factAssessment{}
	for _, r := range rows {
		byPlace[r.LocalityID] = append(byPlace[r.LocalityID], r)
	}
	for _, id := range places {
		p, err := f.place(id)
		if err != nil {
			return nil, err
		}
		list := byPlace[id] // newest first
		var latest *factAssessment
		for i := range list {
			if list[i].Date >= f.p.from {
				latest = &list[i]
				break
			}
		}
		fact := Fact{Key: FactSupport + ".tien_do", Label: "Tiến độ tiêu chí NTM: " + p.Name, Link: "/localities/" + id + "/timeline"}
		if latest == nil {
			if p.Level != 3 {
				continue // an unassessed village says nothing
			}
			fact.Value = "Chưa có đánh giá hoàn tất trong năm"
			fact.Source = "Đánh giá NTM: kết quả đã hoàn tất"
			out = append(out, fact)
			continue
		}
		var start *factAssessment
		for i := range list {
			if list[i].SetCode == latest.SetCode && list[i].Date < f.p.from {
				start = &list[i]
				break
			}
		}
		if start == nil {
			for i := len(list) - 1; i >= 0; i-- {
				if list[i].SetCode == latest.SetCode && list[i].Date >= f.p.from && list[i].ID != latest.ID {
					start = &list[i]
					break
				}
			}
		}
		fact.Count = latest.CriteriaMet
		fact.Source = fmt.Sprintf(srcAssessments, latest.SetName)
		fact.Value = fmt.Sprintf("Đạt %d/%d tiêu chí (đánh giá ngày %s)", latest.CriteriaMet, latest.CriteriaTotal, dmy(latest.Date))
		if start != nil {
			diff := latest.CriteriaMet - start.CriteriaMet
			change := "không đổi"
			switch {
			case diff > 0:
				change = fmt.Sprintf("tăng %d tiêu chí", diff)
			case diff < 0:
				change = fmt.Sprintf("giảm %d tiêu chí", -diff)
			}
			fact.Value += fmt.Sprintf("; trước đó đạt %d/%d (ngày %s), %s", start.CriteriaMet, start.CriteriaTotal, dmy(start.Date), change)
		}
		out = append(out, fact)
	}
	return out, nil
}

// ntmLevelText words an NTM level for running text.
var ntmLevelText = map[string]string{
	"dat_chuan":      "đạt chuẩn nông thôn mới",
	"nang_cao":       "đạt chuẩn nông thôn mới nâng cao",
	"kieu_mau":       "đạt chuẩn nông thôn mới kiểu mẫu",
	"thon_dat_chuan": "đạt chuẩn nông thôn mới (thôn, bản)",
}

// recognitions lists the NTM recognitions of the year of the supported
// places (the year of the status entry, or of its decision date).
func (f *factReader) recognitions(places []string) ([]Fact, error) {
	var rows []factStatus
	if len(places) > 0 {
		err := f.tx.Table("locality_ntm_statuses").
			Select("id, locality_id, level, year, decision_number, decision_date, decision_issuer").
			Where("locality_id IN ? AND deleted_at IS NULL AND level <> ?", places, "chua_dat").
			Where("year = ? OR (decision_date >= ? AND decision_date <= ?)", f.year, f.p.from, f.p.to).
			Order("decision_date ASC").Order("year ASC").Order("id ASC").Scan(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("fact ntm statuses: %w", err)
		}
	}
	if len(rows) == 0 {
		return []Fact{{Key: FactSupport + ".cong_nhan", Label: "Công nhận nông thôn mới trong năm",
			Value: "Không có địa bàn được hỗ trợ được công nhận trong năm", Source: srcStatuses, Link: "/localities"}}, nil
	}
	out := make([]Fact, 0, len(rows))
	for _, r := range rows {
		p, err := f.place(r.LocalityID)
		if err != nil {
			return nil, err
		}
		text := ntmLevelText[r.Level]
		if text == "" {
			text = r.Level
		}
		value := p.Name + " " + text
		var dec []string
		if r.DecisionNumber != "" {
			dec = append(dec, "Quyết định số "+r.DecisionNumber)
		}
		if r.DecisionDate != "" {
			dec = append(dec, "ngày "+dmy(r.DecisionDate))
		}
		if r.DecisionIssuer != "" {
			dec = append(dec, "của "+r.DecisionIssuer)
		}
		if len(dec) > 0 {
			value += " (" + join(dec, " ") + ")"
		} else {
			value += fmt.Sprintf(" (năm %d)", r.Year)
		}
		out = append(out, Fact{Key: FactSupport + ".cong_nhan", Label: "Công nhận nông thôn mới trong năm", Value: value,
			Count: 1, Source: srcStatuses, Link: "/localities/" + r.LocalityID + "/timeline"})
	}
	return out, nil
}

// documents lists the issued, live documents of the year whose drafting
// unit (the abbreviation in "Lưu: VT, VP") is the unit's short name.
func (f *factReader) documents(short string) ([]Fact, error) {
	short = vntext.Clean(short)
	total := Fact{Key: FactDocuments + ".tong", Label: "Văn bản đã soạn thảo, ban hành trong năm", Link: linkDocuments,
		Source: fmt.Sprintf(srcDocuments, f.year, short)}
	if short == "" {
		total.Value = "Đơn vị chưa có tên viết tắt nên không đối chiếu được với đơn vị soạn thảo của văn bản"
		total.Source = "Sổ văn bản"
		return []Fact{total}, nil
	}
	var rows []factDocument
	err := f.tx.Table("documents").Select("id, type_code, number, symbol, date, summary, draft_unit").
		Where("agency_id = ? AND deleted_at IS NULL AND status = ? AND date >= ? AND date <= ? AND draft_unit <> ''",
			f.agency, "ban_hanh", f.p.from, f.p.to).
		Order("date ASC").Order("number ASC").Order("id ASC").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("fact documents: %w", err)
	}
	key := vntext.Fold(short)
	var mine []factDocument
	for _, d := range rows {
		if vntext.Fold(d.DraftUnit) == key {
			mine = append(mine, d)
		}
	}
	total.Count = len(mine)
	if len(mine) == 0 {
		total.Value = "Chưa có văn bản nào được ban hành trong năm"
		return []Fact{total}, nil
	}
	total.Value = fmt.Sprintf("%d văn bản", len(mine))
	out := []Fact{total}
	for i, d := range mine {
		if i >= maxDocumentFacts {
			break
		}
		v := "Số " + numberText(d.Number, d.Symbol) + " ngày " + dmy(d.Date)
		if d.Summary != "" {
			v += ": " + d.Summary
		}
		out = append(out, Fact{Key: FactDocuments + ".van_ban", Label: "Văn bản", Value: v, Count: 1,
			Source: "Sổ văn bản", Link: "/documents/" + d.ID})
	}
	return out, nil
}

func (f *factReader) person(staffID string) ([]Fact, error) {
	out := []Fact{}
	var acts []struct {
		ID         string
		Date       string
		Workdays   float64
		LocalityID string
	}
	err := f.tx.Table("sponsor_activities a").
		Select("a.id, a.date, a.workdays, r.locality_id").
		Joins("JOIN sponsor_activity_participants p ON p.activity_id = a.id").
		Joins("JOIN sponsor_registrations r ON r.id = a.registration_id AND r.deleted_at IS NULL").
		Where("p.staff_id = ? AND a.deleted_at IS NULL AND r.agency_id = ? AND (r.campaign_id = ? OR r.campaign_id IS NULL)",
			staffID, f.agency, f.campaign).
		Where("a.date >= ? AND a.date <= ?", f.p.from, f.p.to).
		Order("a.date ASC").Order("a.id ASC").Scan(&acts).Error
	if err != nil {
		return nil, fmt.Errorf("fact participation: %w", err)
	}
	var where []string
	seen := map[string]bool{}
	var days float64
	for _, a := range acts {
		days += a.Workdays
		n, err := f.placeName(a.LocalityID)
		if err != nil {
			return nil, err
		}
		if !seen[n] {
			seen[n] = true
			where = append(where, n)
		}
	}
	part := Fact{Key: FactParticipation + ".hoat_dong", Label: "Hoạt động hỗ trợ cơ sở đã tham gia", Count: len(acts),
		Source: fmt.Sprintf(srcActivities, f.year) + " (người tham gia)", Link: linkSponsor}
	if len(acts) == 0 {
		part.Value = "Chưa ghi nhận hoạt động nào trong năm"
	} else {
		var dates []string
		for _, a := range acts {
			dates = append(dates, dmy(a.Date))
		}
		part.Value = fmt.Sprintf("%d hoạt động tại %s (ngày %s)", len(acts), join(where, "; "), join(dates, ", "))
	}
	out = append(out, part)

	regs, err := f.registrations("contact_staff_id = ?", staffID)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, r := range regs {
		if !f.inForce(r) {
			continue
		}
		n, err := f.placeName(r.LocalityID)
		if err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	sort.Strings(names)
	contact := Fact{Key: FactParticipation + ".dau_moi", Label: "Đầu mối liên hệ của đăng ký hỗ trợ", Count: len(names),
		Source: fmt.Sprintf(srcRegistrations, f.year) + " (người liên hệ)", Link: linkSponsor}
	if len(names) == 0 {
		contact.Value = "Không là đầu mối của đăng ký hỗ trợ nào trong năm"
	} else {
		contact.Value = fmt.Sprintf("%d địa bàn: %s", len(names), join(names, "; "))
	}
	out = append(out, contact)
	return out, nil
}

// dmy writes an ISO date the Vietnamese way without leading zeros: 5/3/2025.
func dmy(iso string) string {
	if len(iso) != 10 {
		return iso
	}
	d, err1 := strconv.Atoi(iso[8:10])
	m, err2 := strconv.Atoi(iso[5:7])
	if err1 != nil || err2 != nil {
		return iso
	}
	return fmt.Sprintf("%d/%d/%s", d, m, iso[:4])
}

// money groups thousands with dots: 12.500.000.
func money(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// decimal writes a number with a decimal comma and no trailing zeros: 9,5.
func decimal(x float64) string {
	s := strconv.FormatFloat(round2(x), 'f', -1, 64)
	return strings.Replace(s, ".", ",", 1)
}

// numberText is "05/KH-STNMT".
func numberText(n int, symbol string) string {
	if n <= 0 {
		return symbol
	}
	if symbol == "" {
		return fmt.Sprintf("%02d", n)
	}
	return fmt.Sprintf("%02d/%s", n, symbol)
}
