"""Enquiries (咨询 / 局长信箱 / 热线 / 交办件): questions and petitions with handling deadlines, reviewed
replies, ratings, published questions and answers, and conversion to and from disclosure applications."""
